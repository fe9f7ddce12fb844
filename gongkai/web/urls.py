from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="applications:queue"), name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("applications/", include("gongkai.web.applications.urls")),
    path("fees/", include("gongkai.web.fees.urls")),
    path("remedies/", include("gongkai.web.remedies.urls")),
    path("catalogue/", include("gongkai.web.catalogue.urls")),
    path("reports/", include("gongkai.web.reports.urls")),
    # The public side: applicants and the agency's disclosure portal (no account needed).
    path("public/", include("gongkai.web.portal.urls")),
    path("admin/", admin.site.urls),
    # The HTTP API (gongkai.web.api, docs/api.md): /api/v1/…, OpenAPI at /api/v1/openapi.json.
    path("api/", include("gongkai.web.api.urls")),
]

admin.site.site_header = "gongkai 政府信息公开工作平台"
admin.site.site_title = "gongkai 管理"
admin.site.index_title = "数据管理"
