from domain.resources import Resource
from domain.users.models import User
from domain.users.schemas import UserRead, UserWrite

USERS = Resource(
    name="user",
    model=User,
    write_schema=UserWrite,
    read_schema=UserRead,
    time_field="created_at",
    sort_fields=("created_at", "name", "email", "id"),
    owned=False,
    conflict_messages={
        "uq_users_email_lower": "a user with this email already exists",
        "orders_user_id_fkey": "the user has orders, which are kept as business records: "
        "delete the orders first",
    },
)
