"""The one way a list page cuts its rows into pages (rendered by ``templates/components/pagination.html``)."""

from django.core.paginator import Page, Paginator

#: Rows per page of an ordinary list; long, dense lists (audit trail, jobs, notifications) pass a smaller number.
PER_PAGE = 50


def paginate(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The page named by ``?page=`` (the last page when it is past the end, the first when it is not a number)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
