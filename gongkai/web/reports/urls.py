from __future__ import annotations

from django.urls import path

from gongkai.web.reports import explorer, supervision, views, views_public

app_name = "reports"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("supervision/", supervision.supervision, name="supervision"),
    path("explore/", explorer.explore, name="explore"),
    path("explore/export/<slug:view>.<str:ext>", explorer.explore_export, name="explore_export"),
    path("manage/<int:agency_id>/<int:year>/", views.builder, name="builder"),
    path("manage/<int:agency_id>/<int:year>/edit/", views.edit, name="edit"),
    path("manage/<int:agency_id>/<int:year>/previous/", views.import_previous, name="import"),
    path("manage/<int:agency_id>/<int:year>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("manage/<int:agency_id>/<int:year>/sign-off/", views.sign_off, name="sign_off"),
    path("manage/<int:agency_id>/<int:year>/publish/", views.publish, name="publish"),
    path("manage/<int:agency_id>/<int:year>/export/<str:fmt>/", views.export, name="export"),
    path("<int:agency_id>/", views_public.public_list, name="public_list"),
    path(
        "<int:agency_id>/<int:year>/v<int:number>/",
        views_public.public_version,
        name="public_version",
    ),
    path(
        "<int:agency_id>/<int:year>/v<int:number>/<str:fmt>/",
        views_public.public_download,
        name="public_download",
    ),
]
