from tortoise import connections


async def database_reachable() -> bool:
    """True if the default database answers a trivial query."""
    try:
        await connections.get("default").execute_query("SELECT 1")
        return True
    except Exception:
        return False
