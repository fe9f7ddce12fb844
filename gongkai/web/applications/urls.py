from __future__ import annotations

from django.urls import path

from gongkai.web.applications import views

app_name = "applications"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.case_detail, name="detail"),
]
