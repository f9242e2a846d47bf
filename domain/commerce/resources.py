from domain.commerce.models import Order
from domain.commerce.schemas import OrderRead, OrderWrite
from domain.resources import Resource

ORDERS = Resource(
    name="order",
    model=Order,
    write_schema=OrderWrite,
    read_schema=OrderRead,
    time_field="order_date",
    sort_fields=("order_date", "quantity", "product_name", "id"),
)
