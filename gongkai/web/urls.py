from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.web.home import views as home

urlpatterns = [
    # The front door: every agency's public portal, and the staff login (no login needed).
    path("", home.front_door, name="home"),
    # After login each role lands on its home (gongkai.web.home); a ?next= still wins.
    path("my/", home.staff_home, name="staff_home"),
    path("login/", auth_views.LoginView.as_view(next_page="staff_home"), name="login"),
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

admin.site.site_header = "政府信息公开工作平台 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "数据管理"

# Chinese error pages in the site's layout, with the request id (gongkai.web.errors).
handler400 = "gongkai.web.errors.bad_request"
handler403 = "gongkai.web.errors.permission_denied"
handler404 = "gongkai.web.errors.page_not_found"
handler500 = "gongkai.web.errors.server_error"
