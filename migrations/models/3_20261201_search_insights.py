from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "search_clicks" (
    "search_id" SERIAL NOT NULL PRIMARY KEY,
    "search_query" VARCHAR(255) NOT NULL,
    "clicks" INT NOT NULL,
    "impressions" INT NOT NULL,
    "click_through_rate" DOUBLE PRECISION GENERATED ALWAYS AS
        (CASE WHEN "impressions" > 0 THEN "clicks"::float8 / "impressions" END) STORED,
    "search_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "search_clicks" IS 'Clicks and impressions of one search query on one day (seed 002''s `search_clicks`).';
        CREATE TABLE IF NOT EXISTS "search_insights" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "insight_date" DATE NOT NULL UNIQUE,
    "average_ctr" DOUBLE PRECISION,
    "mean_query_ctr" DOUBLE PRECISION,
    "queries" INT NOT NULL,
    "total_clicks" BIGINT NOT NULL,
    "total_impressions" BIGINT NOT NULL,
    "top_queries" JSONB NOT NULL,
    "low_performance_queries" JSONB NOT NULL,
    "definitions_version" VARCHAR(16) NOT NULL,
    "computed_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID REFERENCES "jobs" ("id") ON DELETE SET NULL
);
COMMENT ON TABLE "search_insights" IS 'One day''s click-through insights (seed 002''s `search_insights`), upserted by date.';
-- aerich writes neither CHECK constraints, generated columns nor covering indexes: by hand.
-- Every insight query reads one period's rows by date and adds up clicks and impressions per
-- query: this index answers them without touching the table (an index-only scan).
CREATE INDEX "idx_search_clicks_date_query" ON "search_clicks" ("search_date", "search_query")
    INCLUDE ("clicks", "impressions");
ALTER TABLE "search_clicks" ADD CONSTRAINT "ck_search_clicks_counts"
    CHECK ("clicks" >= 0 AND "impressions" >= 0 AND "clicks" <= "impressions");
ALTER TABLE "search_clicks" ADD CONSTRAINT "ck_search_clicks_query" CHECK ("search_query" <> '');
ALTER TABLE "search_insights" ADD CONSTRAINT "ck_search_insights_counts"
    CHECK ("queries" >= 0 AND "total_clicks" >= 0 AND "total_clicks" <= "total_impressions");
-- Jobs that beat submits carry no API key; their idempotency keys must be unique too, so that two
-- beat instances (or a repeated beat message) submit a scheduled run once.
CREATE UNIQUE INDEX "uq_jobs_scheduled_idempotency_key" ON "jobs" ("idempotency_key")
    WHERE "api_key_id" IS NULL AND "idempotency_key" IS NOT NULL;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uq_jobs_scheduled_idempotency_key";
        DROP TABLE IF EXISTS "search_insights";
        DROP TABLE IF EXISTS "search_clicks";"""


MODELS_STATE = (
    "eJztXWlz27YW/SsYfWky42Qcx1me86YzsqzEamTJteSmbdRhIBKWWFOAysWOpi///QEgKX"
    "EBaFKbSRpf2hjABamDhXc5uPi3MSMGspyXzbn5GS0aJ+DfBoYzRP+RqDkADTifr8pZgQvH"
    "Fm8K56Z2ixa8EI4d14a6S8tvoOUgWmQgR7fNuWsSzFo3MWhedgAV+AAIthbAdB0wOG++OH"
    "rzFpgOcFxiI+MAuFPEGrFqZN3wmim5x1RGRwC6QLcRZH2+ZI81iE6fa+LJzp7gYfMfD2ku"
    "mSAqZ9PnfP2LFpvYQN+RE/45v9VuTGQZMShNg3XAyzV3MedlHex+5A3Zy481nVjeDK8azx"
    "fulOBlaxO7rHSCMLKhi1j3ru0xcLFnWcE4hHj7b7pq4r9iRMZAN9Cz2BAxaf8FVmUNTev1"
    "h9qgPdS0Rmr4QokI3kGRTjAbevqqDv/1E/YKL45eHb87fv/67fF72oS/5rLk3Q//0StgfE"
    "EOT2/Y+MHroQv9FhzjFaj8/ylYW1Noi3EN2yeQpa+cRDbEMQvasGCF7Wq27wPcGfyuWQhP"
    "3Cn989XhYQaUvzWvWufNq2e01XP2SEKXp79ue0HVkV/H8F7hSxeGNoXOtAjGUZnt4Py4Uz"
    "iG8tvjHCC/PZZizKriEM9tdGN+LwLwSqKO0/htnln8Vj6J3yYB5hs4MjTopkE+ozWuOUNi"
    "oOOSCbCNQPRl+I8qQk9/oNGnH8dgTWVAP+xctAfD5sUle9zMcf6xOH7NYZvVHPHSRaL0WX"
    "KYlp2AL53hOWB/gj/7vTaHlzjuxOZPXLUb/tlg7wQ9l2iY3GvQiCz/sDRELTbqNrojt2uN"
    "elxyC6MevG5ZBr0igxxikhplpmHd3EbUAVYwhvrtPbQNLVazmg5/k7GTngingdTHz1fI4l"
    "qeYMgDHfgXMq7sWK9Kw4XOMCNHRIZiump2NEuWQAwn/CexZ7MnRZASGBEBgHILIhyjh62H"
    "PkaAQuwCcgOmCN4twD2xb0+4Ls90xTF0ELDJPdPmWZlDPJtq87Q1/fHu1Ff6xzZd5rZvG0"
    "DgmBMMrbQZsdtHCeyJr6ElxepNA83mxEVYX/CivxLWxlf6zYeux2Gbe2PLdKb+zvVXITvk"
    "+rpzVsAQ8TzTeMlkdqPMNf5742GdjTXgT2L/Of65sf/tkOsar/39Lbpz8Z+ebZjc0t9XSG"
    "kO2u9Ko6uTxrya8ml029ibcYQ79JUgNeFTSEcWzN605wZt6iGj4BRu/Hrdvm6fnQBfeoSv"
    "rnu9Tu/TCbA9jOkIjPDgutVqt89YI8fTdYQM1u5js9NlRTfQtNjfrWav1e7yIp1hYlnBuz"
    "y6bj6HNpwJhvKXQb8nMX6WEknNzNRd8D9At8CUl6QCmngGsAyLmD4WAvrsovl7EutWt3+a"
    "3K5YB6cJ4GkVe/8CwK8kNgK+nArS3nBHtk1siqpRyG0Vl1pr3yoZ7rv+RviIzZDjUB01Df"
    "UQfZd4XlOCdUA7y+Rr/z7MnuVLi6/b730KmyenftKnRdgiEGzsHy0CJchHhRKg3zCpXe3q"
    "hy8P9w/7Wf/6tNsGl1ftVmfQCTaapWnNK1kRLTBdDsFVu9mVoCyf5lk+xLRsHWZ6fF85ev"
    "Mmx8ZCW0l3Fl4Xhx26LjXKXMHkloZzoiIPB3W2NrF3hfFWgjoRBy3XSTUb0Z/muEhgN50S"
    "YiGIJV5agXgC5DGV3xXKy5L9biCn/X43tm+fdpIb8/XFaZvq48/jG0kaf6pSu47mEhdaBe"
    "Z0QkpNazGsBsGCjfkBVEMhBaoYVN+wLQzrSkwBmwT2Ho2nhNxqni3YBOR6REKshirE4fH7"
    "PDoEbSZXInhlHO+kZ7cA5gLRGuK+C9Ut0BEKUxqScvWDe/sWeGBYaMXiDXGpbcYdymuCPx"
    "hmiHz+ojGeFKzZce2krIpsly2yXV3Wyl7DS/UlrTgu1VPXGvS4pFraZV7aNyZedw9PiKpx"
    "LvM4e3NjzS08LqmIhyUe9uDtI+5hn70j1HvlDuKY0FreiZIt5G34J1JMvxTKggATsZE5wZ"
    "/RIkUDEfP6VmdbqgWwjNpHi214vyR+JaYW/f30VyPfFUxfAfSuu93GjzwUSu5DE/jmi3Eo"
    "L2kvFdywpERKkQ8N3SG8KVRf/L7arKu64mWjOdl4Tl3xTuqzfuMGAYK2PtVM7JiT6aZIDX"
    "hnHb+vGgG2Yy4z37HEfOZwM8vkNGvLjTMfsdmxTJ9ADGkr/IJ4LqC9gGcQ6FMP37Ia03AO"
    "aDVTAJ8fMDYgGPvnG9nBxYBsHHjSxIzmHTxDSGX+2+d88xmjyMvl8irKycv+cOXXXpft9x"
    "dWK7nmqujKiq6s6MqKrlx13BVdWdGVSzXLd0JXVozOLas8KvavYv/lwbjkEYSqx/5V4Ojh"
    "YVfBf7W2VfD/KY2zCv7XbQ/PE/xn7v5iSu9KQim82SH/IJawYbg/XxqfkgL6YLB/NZtigf"
    "5Wc9BqnrWz4vy7DKIFseymbzM3BLG0RIuDrJBaGGWPmuAPR9aGUwQsMmGRLYIROB8OL0HQ"
    "A3AJoE8x75ANIAY8ep8Om63TgTAmhsKQfiCdiosVin6pFKIbphCFqzlXzPejAl4S70+Az1"
    "rKT1K2hupPddUdoc3qeo4kQCBdQAkpRXdMryHu1y8cCFABgIO1AgCGZ3PulCYK7makLEnI"
    "7TNryeOgv420JZjO4VB5W+MLIRBXnpAyfyO4viu0ijMiyBGZGia5Ps6Tqv1Ynqn9mCdqz7"
    "CVlzbGhtZyTVnIBwmzOTrdSmg4+/DLzebl8DxsNK+o6fnIqLx91L6l/4SMK/qTA4I+wfVV"
    "9wNnhppGmAX3W1D3wjS+MYuZdmMvQnNZTEnd2ZOyiKl8um9kf2eladje7lWiGxC2s3cdZF"
    "jkHKsCQIfta/iheH2UA+zXR1KwWVVc+yqY32WTvC7lhnZXiV3mcEH1fsFOkUUSXYoolugG"
    "bMUKMq3nCBsMwmIj0Lhs9844tTqQH+GzdrfzW/uKkaaDD6iIWv2J6vgnYBKkF3t8QrVi3m"
    "3Zb1RR43qf6kydbGsLQQdpHnZNwVc9e6gTosqHUuZxVoxA+Q5aTTZJHkagYpMoNkk12SQp"
    "DU+zyCSN9xoJESIUkZqgvtPz69cO93ilPIe8/CDLY+jRFnkv86VmiO0QDO6nxEHsmizLnQ"
    "KIDaCT2Qyx+7CYswdcelR8SPu69W/fddiB8xE1f10TYXfUACYGDkIGODw8fi640Xdnj1HX"
    "+paLk6Ou9d1tHlw0gyKDISMeFwoohPMhPDZtd6oxtVqssIthjktlKeu1MseYrp105YkSUO"
    "T04wlzUezSiefhW6rC46JOvI/ti2a3TXukq8tCI+z/5f+7PzxvX50Awj5HI3zd+9zrf+md"
    "gOiTHt15N0UskZCmzwSKtJwzE5NakzFToam9BcLMDBmmDi2mORome7dCGSjE0vuPM0QS44"
    "w903JN7Lxkz3uM3Dg7iT4oH418J6qvj0ad86rbqMvOeaWcSbncH/M5oXjMGOtmw/R9zVVX"
    "FZwMUu9HTGu2CKHgIGdjsE5ZT0NU5bB5NlS+90ObIdqXvila57yzC95XXQGb0d+4KU4XCO"
    "7sHrnHxmc+XThcUYRUSbujmqLw/s4iaF0GPTb9DvPkWK4kckEa233lsa0kRo6F0Fxz6Jxi"
    "FsimiWxZZwO/r7oCRmwj8L+vj1Of9VEngHYZKYmqV4KASUL7ksdNohpfrvCJHBYVlihXWM"
    "LRp8jwrPVy9CRk63cvU3XNOwHfxjKxqZsQFwmSxIRUoCTvlYzQIYVgXknUEOM3h3mOV9BW"
    "Uox5XeV50cvtsmhQZdA6b59dc9Lzso8RbvUvLrvtIU8pTWZzxmSRJJoe4V5fG5z3v9DxIi"
    "+cKd0g1hjG7QdblHdZDn01/Yy5vMsOsovdJBWR2BU7vmoqXQYL0AtoUBvSAEM2VbWwzUsD"
    "jEypMh2OXbl4BeZazP8rN9YiDmdlq1VuYR9k2GouvEV4ja9lVE7ZaGW20W6g49Lfqk0sTy"
    "cO0mYTzRCQ2jKoKNIeFC0lBy1lOoavdG3OeLfCXBMZFKCkpMI7B94ucRmNZ0os+rlCNrHW"
    "mPEZfagxyDEGlrEO6jEphXOevWUtnKcK56J7im1OrIWObJO+3zr7iVheYZ8De+XRkSKvPD"
    "rKo6M8Ok/OoxOjoQmcOkmamtyvE2fH5XLt8CRkMwQdz0YseB8m+r6lQ+kfIIxUJg4RHvgH"
    "DQ1WyNKT6RATzKhPgE4MSb6z3T3qYVfU1+gMYE/l26T/zDVu4FXOqg2dVeEQrBOeC2XLHA"
    "xtnLebV0Ptin5/T9i5XdvV2EuN8LB9cdmmxddXtIId7GYvSyfhCJ92+/0zjSpYgwGt1AZ/"
    "DIb9bqd1AnyX7Zx+kdls1ZwFXQ+WqackzjpNiYhhwlDmS7vz6Xx4Au75oaQRHlz2j06AMy"
    "dHI/ype93qD1i6JN89NMK068sOfdv+1R/Bb6Fdzk36ysRe8F+0Tqxw+zne7qDlCc4dZujx"
    "SwmVwjiP6s62WvF6lahwQfsyr9E1CQvbj3RHv0MFDaOEqPLfl9l/7xDP1gsd819J7JGJQr"
    "VVz2f9734xbf9iYeVkkEOvnAzKyaCcDE/NycDPcAmcC+HZLrlTgZ8gy+VLUDSRMi3kgwzL"
    "m33j1qGJROWUmllmNTMKQQFdMyFWQ8ttJ1RzHVrENlGxa5SiQsoBkccBMbeJi0ysCXIqZu"
    "Ack1Ix2jwxWmiPyXRhMEAKgp0WVYjnQPwGugWBXkoofBXrQDkEhEqQcggoh4ByCIgdAqk0"
    "JQLngCiVidxRIEilkstt0GgChtFPDggEF+CG2JwaYMCFKCHyQ82Fd5+Fk5XnEVWXjz+m+6"
    "FogtgtpYYt25c3S+cR5IZ10bzIjUHL9uq2dtFt7WzvQNrMxJ4rstvlFzGlBBW+AnwN0//q"
    "a7fF8uQm5JRfJJ+9rtxP+4BZGZHKiFRGpDIit75jVdWIDLI3CkzHVV5HucEYZJDMayQuRx"
    "b4ggCOiUf/y81BQNjl2ZDdlWMS44Dfj8Muyv6bjOn/oQvmNjE8nTHIBcz0bXeu4t3lMjjl"
    "THMxrlVgl5eGbOevCo1u0LZEMZLE5RJyT9q6D8BAonn6IIRIOFufFoBU2BVmZJDfERIRUR"
    "eQP5krQPb6XauvWfRIt7RWJ2z9wCWtysRUJma1TMzE6t8CoPnuES7nkl/3GmH6eNC77nYf"
    "y2SP3SIgMNyTtwzIzff45Qa5rHjFEC/TjnmQYTFnWHMZ2d7zmHLV1OQqornl4oZLjcwM4v"
    "/DFmZFIxd1GljDs/ndKPKwdlbkVSCs4oJ54oL/eNAK2FE5v0IRibXU95KpRNsmD1TLoaAC"
    "rdvxKCgrWFnBj261lTTQ6t9pJjDXlpedye201Z1qOaKsGPDmAH2n7awFgE6YhOsI0EExMX"
    "KA6X4A9AuGXca9/RkcAtMBtDsCIGidt1ufWZIuFh5lxsUYOkgQb93ZY5QdWS470o+Muxr/"
    "OwWvPAKblKthJHYnF0uFC6aYMroUUVxWgTrKtypNTlqXq6NxSeUVKbPxrNRPpX6WVv28ot"
    "P7qtMaPlrUAEFbn7YsU78VaaHR6kxd1OENNZ21zKmS8l4dzrkzZzybJQs3hMlj/Q6pnojs"
    "BS0Ij4GBZ6E6+ZMDvsWe+u15Wh/dwTNGeISbgcyMNp7CO9bTHZ20FrDJvcNPrUG/I4tOZK"
    "7HAmjb5h1VfqlCPKNLg7d8/oHruSZ2WLpOWmcYI0xLZsCbvwTf+CM1d2oTbzLl+Ti/MVWZ"
    "3fjnMULjeAEu/b1y8GsX3Nhkxrtz7wlt49EJypLvLpfTCPsbHEu5SwCmbSyTJevVIfZz8P"
    "Kfz1mPhulA2it923vTnbJOZ3vVwQPIlSqeTxUP4OJTsogqnpRTqng+VXy1yeWczyuB/anh"
    "h6WezJGNYbUtF7HS41IK1pSnPfXtKBQzEovniRqlN+OSxTR2HDMKNtWiJ6ETYk+b8auiRE"
    "8kSpSyKh/TCOr4anhDagaFDfIYQqFOn88U6vuGBzU3+Mb7Ith4V5aByCIJK79Rjd6bU/sy"
    "sAnY9Bbf0bH9RyivfLlMgWDACn9+knLb/v48KujFvj6QWfITpOmuyKslV5kScip7Ww5laY"
    "Yg9u3PwnCnRRXiuShNSJxQIiOKhCTZJFQQiZUEd9BKfAKn5kSKbFKyTvD+5+jo9et3R4ev"
    "375/c/zu3Zv3h0uc01VZgJ92PjHMY1qpbBAyfQkPj8SjORVqOBxzTbrTyM9tJsTU2c0Nzm"
    "5a1PiaI/uG2DOedmmN4cjoQg3NBkPDeVAme0tHo0pjeCAnr9teIl5D7/32L+MKY2fr+Jbi"
    "ojV0LlXEmZSL9KFOMT8wog+cYs7ge6gjolU9Itqk32992hA4OIOagyzPJly1UcdB96y/78"
    "xhuIb+UW+dYyeMAbaoCiAcNK8huq9yXdLzKuOSnleCS3pUhqB9mjKPGrT78X8c+afv"
)
