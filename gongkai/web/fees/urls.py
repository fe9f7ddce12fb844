from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from gongkai.web.fees import views

app_name = "fees"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<int:pk>/assess/", views.assess, name="assess"),
    path("<int:pk>/notice/", views.issue, name="issue"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/payment/", views.payment, name="payment"),
    path("<int:pk>/lapse/", views.lapse, name="lapse"),
    path("<int:pk>/notice.<str:fmt>", views.notice_file, name="notice_file"),
]
