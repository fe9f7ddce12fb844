from __future__ import annotations

from django.urls import path

from gongkai.web.catalogue import views_public as public
from gongkai.web.catalogue import views_staff as staff

app_name = "catalogue"
urlpatterns = [
    # The public portal of each agency (no login).
    path("<int:agency_id>/", public.portal_home, name="portal_home"),
    path("<int:agency_id>/guide/", public.guide, name="guide"),
    path("<int:agency_id>/items/", public.public_index, name="public_index"),
    path("<int:agency_id>/items/<int:pk>/", public.public_item, name="public_item"),
    path(
        "<int:agency_id>/items/<int:pk>/files/<int:file_id>/",
        public.public_attachment,
        name="public_attachment",
    ),
    path("<int:agency_id>/search/", public.search, name="search"),
    # Staff pages.
    path("manage/", staff.manage, name="manage"),
    path("manage/<int:agency_id>/", staff.dashboard, name="dashboard"),
    path("manage/<int:agency_id>/items/", staff.item_list, name="items"),
    path("manage/<int:agency_id>/items/new/", staff.item_new, name="item_new"),
    path("manage/items/<int:pk>/", staff.item_detail, name="item"),
    path("manage/items/<int:pk>/edit/", staff.item_edit, name="item_edit"),
    path("manage/items/<int:pk>/files/<int:file_id>/", staff.item_file, name="item_file"),
    path(
        "manage/items/<int:pk>/files/<int:file_id>/replace/",
        staff.attachment_replace,
        name="attachment_replace",
    ),
    path("manage/items/<int:pk>/<slug:action>/", staff.item_action, name="item_action"),
    path("manage/<int:agency_id>/documents/", staff.documents, name="documents"),
    path("manage/documents/<int:pk>/<slug:action>/", staff.document_action, name="document_action"),
    path("manage/<int:agency_id>/import/", staff.import_upload, name="import"),
    path("manage/import/<int:pk>/", staff.import_preview, name="import_preview"),
    path("manage/<int:agency_id>/new-media/", staff.new_media, name="new_media"),
    path("manage/new-media/<int:pk>/posts/", staff.new_media_posts, name="new_media_posts"),
    path("manage/<int:agency_id>/guide/", staff.guide_edit, name="guide_edit"),
]
