from domain.resources import Resource
from domain.search.models import SearchClick
from domain.search.schemas import SearchClickRead, SearchClickWrite

SEARCH_CLICKS = Resource(
    name="search click",
    model=SearchClick,
    write_schema=SearchClickWrite,
    read_schema=SearchClickRead,
    time_field="search_date",
    sort_fields=("search_date", "clicks", "impressions", "search_query", "id"),
    owned=False,
)
