from __future__ import annotations

from django.urls import path

from gongkai.web.api.v1.api import api as api_v1

urlpatterns = [
    path("v1/", api_v1.urls),
]
