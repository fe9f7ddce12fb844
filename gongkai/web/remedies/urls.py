from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from gongkai.web.remedies import views

app_name = "remedies"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/result/", views.result, name="result"),
    path("<int:pk>/reanswer/", views.reanswer, name="reanswer"),
]
