from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse

from gongkai.web.workcalendar.forms import NoticeForm
from gongkai.web.workcalendar.models import CalendarDay, CalendarYear, DeadlineRecalculation
from gongkai.web.workcalendar.services import calendar_step, day_cause, enter_notice, year_cause


def _recomputed(request: HttpRequest, moved: int) -> None:
    messages.info(request, f"{moved}件在办申请的答复期限已按新日历重算（见答复期限重算记录）。")


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "notice", "complete", "entered_by", "updated_at")
    readonly_fields = ("entered_by", "updated_at")
    change_list_template = "admin/workcalendar/calendaryear_changelist.html"

    # Saving or deleting a year here is a calendar step like entering a notice: the open
    # cases' due dates follow at once, each change audited (services.calendar_step).
    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        obj.entered_by = request.user  # type: ignore[assignment]
        save = super().save_model
        verb = "修改" if change else "新增"
        moved = calendar_step(
            request.user,  # type: ignore[arg-type]
            year_cause(obj, verb),
            lambda: save(request, obj, form, change),
        )
        _recomputed(request, moved)

    def delete_model(self, request: HttpRequest, obj: CalendarYear) -> None:
        delete = super().delete_model
        moved = calendar_step(
            request.user,  # type: ignore[arg-type]
            year_cause(obj, "删除"),
            lambda: delete(request, obj),
        )
        _recomputed(request, moved)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        years = "、".join(str(y) for y in queryset.values_list("year", flat=True))
        delete = super().delete_queryset
        moved = calendar_step(
            request.user,  # type: ignore[arg-type]
            f"工作日历删除：{years}年",
            lambda: delete(request, queryset),
        )
        _recomputed(request, moved)

    def get_urls(self) -> list[URLPattern]:
        enter = path(
            "enter/",
            self.admin_site.admin_view(self.enter_notice_view),
            name="workcalendar_calendaryear_enter",
        )
        return [enter, *super().get_urls()]

    def enter_notice_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponse("没有录入工作日历的权限", status=403)
        form = NoticeForm(request.POST or None, initial={"year": NoticeForm.next_year()})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            moved = enter_notice(
                request.user,  # type: ignore[arg-type]
                data["year"],
                data["notice"],
                data["days"],
                complete=data["complete"],
            )
            messages.success(
                request,
                f"已录入{data['year']}年节假日安排；{moved}件在办申请的答复期限已按新日历重算。",
            )
            return HttpResponseRedirect(reverse("admin:workcalendar_calendaryear_changelist"))
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "title": "录入国务院办公厅节假日安排",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/workcalendar/enter_notice.html", context)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "is_workday", "note", "entered_by", "updated_at")
    list_filter = ("is_workday",)
    date_hierarchy = "day"
    readonly_fields = ("entered_by", "updated_at")

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        obj.entered_by = request.user  # type: ignore[assignment]
        save = super().save_model
        moved = calendar_step(
            request.user,  # type: ignore[arg-type]
            day_cause(obj, "修改" if change else "新增"),
            lambda: save(request, obj, form, change),
        )
        _recomputed(request, moved)

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        delete = super().delete_model
        moved = calendar_step(
            request.user,  # type: ignore[arg-type]
            day_cause(obj, "删除"),
            lambda: delete(request, obj),
        )
        _recomputed(request, moved)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        days = "、".join(f"{d:%Y-%m-%d}" for d in queryset.values_list("day", flat=True)[:10])
        delete = super().delete_queryset
        moved = calendar_step(
            request.user,  # type: ignore[arg-type]
            f"工作日历删除：{days}"[:300],
            lambda: delete(request, queryset),
        )
        _recomputed(request, moved)


@admin.register(DeadlineRecalculation)
class DeadlineRecalculationAdmin(admin.ModelAdmin):
    list_display = ("application", "old_due", "new_due", "cause", "by", "at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
