from tortoise import fields
from tortoise.models import Model


class Order(Model):
    """An order exactly as seed 002 defines it; quantity > 0 is also a CHECK in the database."""

    id = fields.IntField(primary_key=True)
    # RESTRICT: orders are business records, so a user who has orders cannot be deleted.
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="orders", on_delete=fields.RESTRICT, db_index=True
    )
    product_name = fields.CharField(max_length=255)
    quantity = fields.IntField()
    order_date = fields.DatetimeField(db_index=True)  # the migration defaults it to now()

    class Meta:
        table = "orders"
