from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path

from gongkai.web.portal import views, views_corrections, views_released

app_name = "portal"
TOKEN = r"(?P<token>[A-Za-z0-9_-]{20,100})"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.agency_list, name="agencies"),
    path("<int:agency_id>/apply/", views.apply, name="apply"),
    # 条例第四十一条: 更正 of a record about the applicant
    path("<int:agency_id>/correct/", views_corrections.correct, name="correct"),
    re_path(rf"^correction/{TOKEN}/$", views_corrections.status, name="correction"),
    re_path(
        rf"^correction/{TOKEN}/letters/(?P<letter_id>\d+)/(?P<fmt>docx|pdf)/$",
        views_corrections.letter_file,
        name="correction_letter",
    ),
    path("track/", views.lookup, name="lookup"),
    re_path(rf"^track/{TOKEN}/$", views.track, name="track"),
    re_path(rf"^track/{TOKEN}/receipt/$", views.receipt, name="receipt"),
    re_path(
        rf"^track/{TOKEN}/letters/(?P<letter_id>\d+)/(?P<fmt>docx|pdf)/$",
        views.letter_file,
        name="letter",
    ),
    # 答复附件: the released information, with the reply (issue 14)
    re_path(
        rf"^track/{TOKEN}/released/(?P<released_id>\d+)/$",
        views_released.applicant_file,
        name="released",
    ),
]
