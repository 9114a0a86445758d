from rest_framework.pagination import PageNumberPagination


class ShopPagination(PageNumberPagination):
    """`?page=N&page_size=M`, M capped at 100; `{count, next, previous, results}`."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
