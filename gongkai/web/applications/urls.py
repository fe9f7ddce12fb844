from __future__ import annotations

from django.urls import path

from gongkai.web.applications import (
    views,
    views_attachments,
    views_corrections,
    views_monthly,
    views_released,
)

app_name = "applications"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("monthly/", views_monthly.monthly, name="monthly"),
    path("register/", views.register_choose, name="register_choose"),
    path("register/<str:intake>/", views.register, name="register"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/steps/<str:action>/", views.take_step, name="step"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        views_attachments.case_attachment,
        name="attachment",
    ),
    path("<int:pk>/released/", views_released.attach, name="released_attach"),
    path("<int:pk>/released/<int:released_id>/", views_released.staff_file, name="released"),
    path(
        "<int:pk>/released/<int:released_id>/remove/",
        views_released.detach,
        name="released_detach",
    ),
    # §41 更正 requests: their own request type, not applications (docs/platform.md)
    path("corrections/", views_corrections.correction_list, name="corrections"),
    path("corrections/new/", views_corrections.correction_new, name="correction_new"),
    path("corrections/<int:pk>/", views_corrections.correction_detail, name="correction"),
    path(
        "corrections/<int:pk>/decide/",
        views_corrections.correction_decide,
        name="correction_decide",
    ),
    path("letters/<int:letter_id>/", views.letter_preview, name="letter"),
    path("letters/<int:letter_id>/<str:fmt>/", views.letter_file, name="letter_file"),
]
