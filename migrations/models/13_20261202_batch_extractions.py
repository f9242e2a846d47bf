from tortoise import BaseDBAsyncClient

# Batch extraction jobs (issue 12): one row per text of an `llm.extract_batch` job, its valid
# result or its failure, written with its part's success; the unique index makes a second copy
# of a text's result impossible.

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "batch_extractions" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "index" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "provider" VARCHAR(16) NOT NULL,
    "model" VARCHAR(200),
    "prompt_version" VARCHAR(16) NOT NULL,
    "result" JSONB,
    "error_code" VARCHAR(64),
    "error_message" TEXT,
    "prompt_tokens" INT NOT NULL,
    "completion_tokens" INT NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "reasks" INT NOT NULL,
    "retries" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID NOT NULL REFERENCES "jobs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_batch_extra_job_id_3c1d5e" UNIQUE ("job_id", "index")
);
COMMENT ON COLUMN "batch_extractions"."index" IS 'the text''s position in the batch';
COMMENT ON COLUMN "batch_extractions"."status" IS 'SUCCEEDED: succeeded\nFAILED: failed';
COMMENT ON TABLE "batch_extractions" IS 'One text of a batch extraction job: its validated result, or why the model''s answer was refused (never the invalid answer). Stored with its part''s success; one per text.';
-- aerich writes no CHECK constraints: the database refuses what the API would.
ALTER TABLE "batch_extractions"
    ADD CONSTRAINT "batch_extractions_index_not_negative" CHECK ("index" >= 0),
    ADD CONSTRAINT "batch_extractions_result_or_error" CHECK (
        ("status" = 'succeeded' AND "result" IS NOT NULL AND "error_code" IS NULL)
        OR ("status" = 'failed' AND "result" IS NULL AND "error_code" IS NOT NULL)),
    ADD CONSTRAINT "batch_extractions_counts_not_negative" CHECK (
        "prompt_tokens" >= 0 AND "completion_tokens" >= 0 AND "latency_ms" >= 0
        AND "reasks" >= 0 AND "retries" >= 0);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "batch_extractions";"""


MODELS_STATE = (
    "eJztXW1z2za2/isYfUkyo2Rcx0mz7p2dkW0l0VaxvJbddrfuMBAJW6wpQEuQdnT39r9fAC"
    "RFigQoknojGXxompA4IPUcEDjv57+dGbGQQ9/05vbPaNE5Bf/tYDhD7C+pO13QgfN5fJ1f"
    "8ODEEUPh3DYe0UJchBPqudD02PV76FDELlmImq4992yC+egeBr2rAWAEPwGCnQWwPQrGn3"
    "uvj9+9BzYF1CMusrrAmyI+iN9Gzr24MyXPmNGYCEAPmC6CfM43/LEWMdlzbfywsyf42P6P"
    "jwyPPCBG57Ln/P4Hu2xjC31DNPrn/NG4t5FjrUBpW3wCcd3wFnNxbYC9j2Igf/mJYRLHn+"
    "F48HzhTQlejraxx68+IIxc6CE+vef6HFzsO07Ihwjv4E3jIcErJmgsdA99h7OIUwcvEF/r"
    "GMbl6MYY928Mo5NhX0SRwDu8ZBLMWc9elYpf/8Bf4fXxDyc/nnx4+/7kAxsiXnN55ce/gk"
    "fHwASEAp7Lm85f4j70YDBCYByDKv6fgfV8Cl05rtH4FLLsldPIRjjmQRtdiLGNV/s+wJ3B"
    "b4aD8IM3Zf/84egoB8pfetfnn3vXL9moV/yRhH2ewXd7Gd46Du5xvGN82YdhTCGdlsE4Sb"
    "MdnA+7hFdQfn9SAOT3J0qM+a1ViOcuure/lQE4pmjjMn5fZBW/Vy/i92mAxQaOLAN6WZAv"
    "2B3PniE50KuUKbCtkPRN9JcmQs9+oDVih2P4TeVAfzP40h/f9L5c8cfNKP2PI/Dr3fT5nW"
    "NxdZG6+jLNpuUk4NfBzWfA/wn+PbrsC3gJ9R5c8cR43M2/O/ydoO8RA5NnA1qJzz+6GqG2"
    "wnUXPZHHSlxfpdwC18PXrQvTG8LkCJNcLlOT8PfPcPgf49GlnLsxRZqztumB/wOOTTNS1r"
    "a+5M7vL/gH96ILXjy7tof4X6A1s/GLPzr7ZzbHaIXP0Sb68kvvt/T+ej4cnaUZyCc4S222"
    "DqSe4dNKH16aVn96dfv0uHJz/5iQxPmFCTQfn6FrGSt34iXxJ5lIvtCzkOrjz9fIEQqWhO"
    "Wh+vkPMmksr+Or0RnLMSPHRIVi9tbseJa+AjF8ED+JP5s/KYGURH8PAVQr7xGP1ivuI4wA"
    "g9gD5B5MEXxagGfiPp4KNZqraRNIEXDJM1ek+TVKfJcp0mw0+/HeNNC3Jy47Yd1ALYeA2g"
    "8YOlkNfrePkqjyv0dGDH7fttBsTjyEzYW49EdK0f+didvQ84OjxJ+wc2Ma7Fx/lDIB3N4O"
    "LkrYAHzftt5wmt3oUZ3/ufexyXkNxJP4Hyd/P8DhJM6ht8H+lty5xE/Ptwk8st9XSl8Nx+"
    "9KmWqTshov+Sy6fezPBMID9koQmygre8UfzN4U1w4b6iOr5BLu/PO2f9u/OAUB9R2+vr28"
    "HFx+OgWujzHjwB0e356f9/sXfBD1TRMhi4/72BsM+aV7aDv83+e9y/P+UFwyOSaOE77Lwd"
    "XiOXThrJToHFPsX3Q+jFC2ExGZ3eLvXwL4mGIj4OspIO0Nd+S6xGWoWqUsxqtUlfatmuG+"
    "6zMiQGyGKGUyahbqG/RN4fTIELYB7TyVr//bTf4qX2p8w9Hlp2h4eumnzcmEfwSSjf2jQ6"
    "AC+SRRCvR7TrWrXf3ozdH+Yb8Y3Z4N++Dqun8+GA/CjWapWoub/BK7YHsCgut+b6hAWb3M"
    "88z3Wdo2rPTVfeX43bsCGwsbpdxZxL1V2KHnMaXMkyxupSc1SbLen7q1hb0rjLfiT034Ro"
    "RMariI/TTqIYnedEaIgyBWOEgk5CmQJ4x+Vygvr+x3AzkbjYYr+/bZIL0x33456zN5/NXq"
    "RpLFn4nUHjU84kGnxJpOUellLYfVIliyMa9BNSLSoMpBDRTb0rDGZBrYNLDPaDIl5NHwXc"
    "kmoJYjUmQtFCGOTj4UkSHYMLUQIW6u4p227JbAXELaQtx3IbqFMkLpaKI0Xfvg3r4GHioW"
    "Rjl/wyrVNv0O9VXB17oZEsdf0seTgTXfs52m1Z7tunm2mxswtlf3UnvjxajH5NRKTF+l1J"
    "92nT/textX3cNTpHvh8z6/7Tax2Z9bFXfwVUod8ltjtodvn7AOB8E7UrFXbR9eIapknKjZ"
    "fr0N80Qm0C+DssS/RFxkP+Cf0SITBSIP64uzypoFsCqyj1124fMy7iu1tNjvZ78aBZZg9g"
    "rg8nY47PxVJIJSmNAkpvlyIZRXbJYGbljKOEqZCQ09IbwpVL8Gc/X5VG3Fa4qg400NarJv"
    "1nB9vCFkn8V0Yz7btY/b80WnLFhzsvF3eC0maSlCFEHXnBo2pvbDdFOkxmKyQTBXSwGbQI"
    "/hhb6JmGv2gA0hO+PT9ZeztWnzKhU0n4hFWgFDjuwIoxvC/liPbylom7Iey2cYCEFCnmUQ"
    "yRi5mQbGUp4plm5AHTsI64dsFH5NfA+wWcBLCMypjx/5HduiXXab62WvujxGF0yChH+eyR"
    "+mAIT2bXmewQ6eIU0w+DPIxBCLQKcU1MvWr04pCNiVAVpdviEavz9nd80VSp1EoJMIdBKB"
    "TiJoOu46iUAnEdRqle8kiUDHWW9Z5NEROToipz4Y19yx1/SIHO3PXc92HZKjv+1GhuRoPl"
    "fks47JadseXiQmh5v7ywm9MYUWePMjcUJfwoZROMWKa9UU0LUxOPFqWom/Oe+Nz3sX/bzw"
    "m12W6QpDTHqBztyR+NJSI7p5LrUo+CWpgq/3rN1MEXDIA/dsEYzA55ubKxDOADwC2FPsJ+"
    "QCiIEIqsm6zapMIPWJoSjSJqTO+MVKeb90Te0Na2rDeM2Vs/1oh5fC+hPiU0n4SdO2UPxp"
    "rrgj1Vk9nyocBMoPKEWlo5Cz35Cw65d2BGgHQLeSA8DyXRELZcicuzmFhFJ0+6wldBj0t1"
    "FMCLM1HAlvFU4ICbm2hNT5jBDyrlQrzvEgJ2ha2PXhpEjvkhN165IT0bkkR1de6hgbasst"
    "TQ7optTm5HKroeIcwK9Wm5fsWa80xxkjxYJRxfikfsv+Cnms6AsKwjnB7fXwJxEZaltRbe"
    "qv4b3XtvWVa8xsGncRqcvykNSdPSkvMFUs943077ziKdvbvWrUEmg7e1c3RyMXWJUAOhrf"
    "woPi7XEBsN8eK8Hmt1alr5JVlzaptlRvaHdVbmkOF0zul+wUeUGiSxIdJbpBtGIDI63nCF"
    "scwnIc6Fz1Ly9EaHVIf4cv+sPBL/1rHjQdHqCy0OpPTMY/BQ9h0b/DB1TryLst240aqlzr"
    "yh/VdGsHQYoMH3u25FRf035qlVTbUOrMZx0RqN5BmxlNUiQiUEeT6GiSZkaTZCQ8wyEPWb"
    "wr1ClJhIi0BPWddsi7pcLilbEciuvdPIuhz0YU7W7P1BCXEgyep4QiEFRbARBbwCSzGeJd"
    "6rixB1z5jPyGzfUYtKOnPOH8jqm/no2wd9cBNgYUIQscHZ28krS439ljdJ/7esXk6D73u6"
    "1OjWZQpjDk+OMiAo1wMYQntutNDS5WywV2OcyrVHnCeqvUMS5rp015sgIUBe140loUuzTi"
    "+fiRifC4rBHvY/9Lb9hnM7Kvy0F3OPhX8PfRzef+9Skg/Di6w7eXP1+Ofr08BcknHdx4N0"
    "W8VpVhziSCtDpmZoWqYsRMg5b2FgJmZsiyTehwydGyFXWz1M4FOfUBusHHhXEmvu14NqZv"
    "+PMOURtnJ94HbaNR70TttdHoPK+2cV2V55UxJhUyf8znhOEx41E3G5Y77MVTNXAxKK0fK1"
    "KzQwgDB9GNwTrjM92gJrvNC5W0nSE2l7kpWkFB2y9irrYCNmO/cVOcviC4s+6Oh8ZnPl1Q"
    "ISjykp9PTFKUdtUtg9ZVOGMvmLBI6fNGIhdWSt5XqeRGYkQdhOYGZWuKayCb1krmk42Dud"
    "oKGHGt0P5eHacRn6NNAO3SU5IUryQOk5T0pfabJCW+Qu4TNSzaLVEvtwQ1p8jynWo1elK0"
    "7euW1lz1ThJv49jYNm0oqaOudpKsEGlHSdFGqZDKytXntUiNKFqI8bujIukVbJQSY3Gv8X"
    "HRy+2yrFNlfP65f3Ergp6Xc9zh89GXq2H/RpSUJrM5j2RRFJq+w5cjY/x59CvjF3lNp2yD"
    "qMDG7TtbtHVZDX0z7YyFrMsUueUavCUodhUd3zSRLicK0A/DoDYMA4yiqZqFbdEwwMSSql"
    "NybGzilahrK/ZftbKWMDhrXa1xH3Y3R1fz4CPCFU7LJJ3W0eqso91D6rHfajw4vkkoMmYP"
    "hiUJassJRVHOoMNSCoSlTCfwB9OY87hbaa2JnBCgNKXGuwDeHvF4GM+UOOy4Qi5xKqz4nD"
    "k0DwrwwLGqoL5CpXEusrdUwnmqcS67p7j2g7MwkWuz96uyn8jpNfYFsNcWHSXy2qKjLTra"
    "ovPdWXRWwtAkRp10mJrarrMaHVfItCOKkM0QpL6LuPM+KvT9yFgZJBAmbqaSCLtBoqHFL/"
    "LyZCbEBPPQJ8AWhqLe2e4etd4U9XtyBfCnim0yeGaFDrzaWLWhsSpiQRX3XERbZ2do53O/"
    "d31jXLPz95Tn7bqewV/qDt/0v1z12eXba3aDJ3bzl2WL8A6fDUejC4MJWOMxu2mM/zW+GQ"
    "0H56cgMNnO2YnMV6tBF+x7cGwzQ3Ex6ClILBtGNL/2B58+35yCZ5GUdIfHV6PjU0Dn5PgO"
    "fxreno/GvFxSYB66w2zqqwF729H1v8Lfwqac2+yVibsQv6iKr3D7Nd6eoONL8g5z5PglhS"
    "5hXER051ut/HtViHDh+Dp/oxUDFrbv6U6eQyUVoxSptt/X2X5Pie+apdL8Y4o9RqIwadUP"
    "ov53/zFtv7GwNjKooddGBm1k0EaG79PIMDYZsy5s/lMnfoiAwt6QHdotYHqgnIqpGjFZiU"
    "ZllPB+rkDMQSPrAA9cZP/HHnhJXFH7nDyxZeM4wbhX3CIQjJsyck4FgetjptxMoQdgxgix"
    "qwfdYcqe4CDAF8ALCkI/r82u2BTwTRfAB7ZuaE55djZdR6y8aZgTtXwn3S3toJaKmCOFo+"
    "KXFC3Ufravu8cLvRTGCSINcwGYgx0vi3HPdeFClcETkaQQbl91dm7y+P2PdKaGj8vJlDGB"
    "bpO4XqYMj7wNRcqEyHLttyk5Ni1dxourpsIlhz9fpgwZVFCUZD+4hCOL0zCYuXDGBbhnHv"
    "EF5mTuBznDp8J3lJROu2CyABNeTJP/x/4enNtvABMTpf6rrT7hDjMp8TUXGLlJnS0oCqCL"
    "wNcwtV509hHesa9JTL6CGbQQn4q/AWVA835BuqJnDeVGSA1yLzdByYFdEmxYBbGm+5vUM5"
    "Etg/jM3pI8GxZclGmRkaLSp6+kUQb7nUY1dCWUGmEJwjO28xLLeEJuVKejqDqTpWyhTrN9"
    "x9myYncJm69evqrlKySMMqJATKDxlODJJb9ShUuXBLon2iZVSYWQXQr4BImGfgPon22mqI"
    "QaTBb/M8IUJohVEtwqaYoPE0bbLgacjUbDFQacDdJ922+/nPXZiSi4EUfnZDeaZrm896rk"
    "tdfjvazqUYXtKVrdCq3OYUMHaorVHI42oydWGs+DWr+KGp0VDbHY48Hl7XBYrCNWJiYgJR"
    "eUrtsrDVBopmiw35KPopyvxEYflflVW+ZFMeFC1ng1AtpEXS8TNZf9qlQMSdK1T2Zsk+iQ"
    "hCDDZLU5MkXWQlvkTqoOmtAhri0LsshJREkS6VyUIrkoc5d4yMaGpL1mDs4rVDpdv0i6Pn"
    "QnZLqwOCAlwc6SasQLIH4PvZJALyk0vroAhbaUSYUgnRuic0MObkipaW5IpmONxDgg62qj"
    "NhRIuuoUMht0elH6REi4APfEFWkXFlzIemOvGy7Ns4gWqwim0pkVhzQ/lO0VvKUuwXU7ec"
    "vFx1EPzcuEvCzH6xANiedU7B3ImNnY92R6uxLWLKHGV4Ivt/zzU994LNcyOUWn7SLF9HVt"
    "ftoHzFqJ1EqkViK1Ern1HaupSmTYyFOiOsYtPtUKYyLor4iSuOQsCAgBnBCf/SnUQZG3z/"
    "4+R65NrK7Iu+KZUn+SCfs/9MDcJZZv8mKCkiKF255c+7vrpXCqiw7KcW1CocGK/s/t110K"
    "vgqDbdCyaglqrT5N911r9yEYSLZO10KIpKv1+wKQEXvSUhJ5wf9LEh38v0neRaP0Ih2Fvh"
    "W1SMcmr/nU1sQmaxVTq5jNUjFTX/8WAK0WPl+PT36XAfS7VNnHDkLzMaJUUQhw5X43T32n"
    "fKRBg6E6Qrx5O2Y3R2PO0ebU4lwhVa6ZklxDJLdCseFKJTMn8H+9htlQz0WbGGv5rsiiUr"
    "u18zyvEmLtFyziF/yPD50wOqrgKZSgqCS+10wk2nbwQLMMCtrRuh2LgtaCtRZ8cK2tpo7W"
    "kWsJpSijrgU3unl6GuFDinpZMRDDAfrGxjkLAGnUj+0YMKbYGFFgez8BdoJhj8fe/h0c8V"
    "rnbDoCIDj/3D//mRdN5+5RrlxMIEUSf+vOHqP1yHrpkYFn3DPEvzPwqj2waboWemKP370r"
    "4Iplo5S+WHEvI4uKD6acMLok0bGsEnFUbFWGOmhdLY6uUmqrSJ2VZy1+avGztuLnNVve14"
    "Pzm4N5DRB0zem5Y5uPMik0eTtXFqVioGHykQVFUjErFTF39kw0NuXuhqiBTzAhkxORu2AX"
    "ojQw8DISJ19Q8HXlqV9fZeXRHTzjDt/hXkgzY4On8InPJLoLAZc8U5G1BoOJHLaQhRwLoO"
    "vaT0z4ZQLxjH0aYuSrn4Sca2PKO7eye5Z1h9mVGfDnb8BX8UjDm7rEf5iK1qxfuajMS735"
    "PKBxsgBXwV45/ucQ3LtkJqbzngkb47MFyvswLz+nOxxscLz7MgGYjXFs3h/JhDhoxyx+vo"
    "h6tGwK2azsbXkNRz7pbK8yeAi5FsWLieIhXGJJlhHF03RaFC8misebXMH1HBPsTww/qvVi"
    "TmwM8bZcRktfpdKwZiztmbOjlM9ITl7Ea5TdjGvm09ixzyjcVMtmQqfIvu+IX+0l+k68RB"
    "mt8pBK0CAQwztKNSgaUEQRimT6YqrQKFA8mLohNt7X4cYbawYyjSS6+ZVJ9P6c6ZehTsCX"
    "d1YT2s0jtFW+XqpAyLDSx0+abtvnTx0qIxc8fSDX5B+QYXoyq5ZaZErR6eptBYSlGYI40D"
    "9Lw50l1YgXCmlC8oISOV4kpKgmoZ1I/IpHPOgYKpvAmf2gRDZN2SZ4/3Z8/Pbtj8dHb99/"
    "eHfy44/vPhwtcc7eygP8bPCJY74ilaqYkGtLWM+JgxkVWsiOuaHcadR5mykynbu5Qe6mw5"
    "SvOXLviTsTZZcqsCNnCs2aDVgj4qBs0TqjSmdJBXkLrffbby8Z+c4qdljyW21caogxqVDQ"
    "h85iXsPRZnZYqgeeTU0RvUCOzU6MRc/z0GwutXSmh3TzbJ1WOJhtiWJ0CWtnSAE8AsJZAA"
    "SYePa9bYpspe4y9oAXYXqyraAyMKbPyJVbNzefUlpeODmD+H0hMhtVGs5TRlpm69yL6qG2"
    "iMJ4IRc0eCQo2qQCbq8CLPtEyotPMZVuTVlnwSlc/ZVE5DStlpFrzeroECyjfCZptMZZQO"
    "NkcrDnS8wuOWF5SwoNcAGA2QcxZ09EDEFL4vNUHvMZOn3YSw57HsCMzYUxK+MyWiXSuMqE"
    "qEBDQTLdgBAHQawy/iXoUshOGGEDoc0T+Uej4cppejZIKQCXt1/O+mzHeLXq+cwCzg6uCZ"
    "zY8noO+U0Gk3TayVzErc9NBWrTtnLfyNDpGhrZhZy0R0hNnHm2BQlxm7bnPdgacgyjaUvR"
    "hhbSy9R0DWNJUVupZEnWqUBDZBD9wv/5S7g15RhOV8Z1C1lP43tFquWH2yOygKAD0GX4MZ"
    "qoaoKLHmw2yyK0dj7zhC7bA8+QAsEHRkiwyIijJluSlqxo/k6esUGsaPmjpNQh0hBLqq6i"
    "30T9NPp2sgCrIy+SNDrUYoNQi3sEPd8tF/aSpNHgbwD+DLH3MUthnyDR0G8AvXg0f6ES2C"
    "dpNPgbgE+J75qliiLFFC08Ut8eFzhS3x4rj1R+K5UzTINWxBKMc41nK3R7NJ4trzTWeiZg"
    "q5iUmabV/t86OwV18q16W2tX8q0Ol9xhuOShjVXY9oir7uIoH9gtaK4SNEapLo9DRgvC6t"
    "i8/BK3IgVncWRiemBsoB4gvmeSGaJBM8ZQFwOWa9974OXVeCAp8rTluXVOc72sU4f1JtXu"
    "ENp2oRidEfF9CHbPDENGwcvElWV0ilQzugmM9khFNgeEmsm1ZrIjtX7k5HLKrR7asFfGsC"
    "ckxTKoLwk07BvADh0U6hmF/WdLCg18SeBrpsleuYjzbE3QRWJUt5AOO18SFI67SAQCciUz"
    "mooHOnCFE6NvXpSCFuiX/Gqgf4Y6SFBcdwYtBGxPFnaxi0dsWZvViWv83j4S17Tau0u197"
    "DhwHVDd8fxwHPXJi5DzDAdSEvlwmQpW+gg/VDAP/pB6R79kPaO8mPCKJ/2mibT24Zk29B+"
    "kjXbxRo/yequIGSwSqbHNK22VtTaWqFzFnTOQhNY0pKchRUuSNTmNJcKKMzJX1yizEuSLF"
    "GYJdBen5k+yvVUGmu6fH1ZVF7fZYO5tBJc492pm6MEm1OIMXLKqAwJEq0rrNMVdAmIvVQo"
    "MO0577VliLZc5Zo0SYlbCHuRIGF1jHAmRJirsbwMQYBRCbwzhC3EevtLfA4XDoGWQe3/LV"
    "ODI03WJrl+azaHiU9522xqRMawMstZSry/Jc0kZXcGnU4Tz0aKMJvFlrW3zjdOrBDq3sB1"
    "NkzkVWfqY3+WUXtXGX2ASk2dOVtdYZZWCe52rvqXF4PLT6cgpL/D4/PP/YvbYf/iFFBzii"
    "zf4U1Cr/vDfm/ML7pMnYWUX7voDwe/9K/5xWX9mTv8sTcQxPfQFpT9364GYgz6NrfDCjWH"
    "P5mSpUkLnkpJEt1ZMFsRinpG+apmKbK9HkEY7ecA2v7qFahVrXAmJ9YrWrqiKxY6y1BqeL"
    "Ou9gN7f2vmPdutQYc4NluLFdpKZCnbB/b2N+ik17yCH1NCrtNj66wwREJxBV6nSDWf68zn"
    "QIehFdi8Sqm5XGcusysOd7ka5L50WEKWtkXVKvfcL04XHVAzpF1FB0qkF2RsOIZLnmWNHU"
    "Pqjz9fI2cZ0yCPT5G0t2nYelCFqMhC6xSNMCvgtZpg0RbIdhmDcwY9c9r/JmJkFGE46SHd"
    "vEicCR9soOXoEkE4Hs8bIfcAAjEJiCcBf5LJqYiaeYKOzXdJC7Dvm6HfBcQFz9NFnGKybJ"
    "XEy3ymbbu7es4ddtG9z4Rm8BIj3tGJD7OxmCUc9uoNGHu8yGhQi5Q/ZA5dj01DfdNElP4E"
    "CHu5OSdmb6Ru9BRH6op1qhs81UlWyGt5z5mVYYAa/Wi8djZLJLHmOcTKg9sZ356f9/sXwv"
    "PF9whkZf1Z9fBe6fisPYAsjp0yCC8J2mchPT46KhKIdXSkDsXi9zKrmIvvVYzSGUq9oov1"
    "ROLvmwFanTEfU2yUMV+ztb3vSgXIdYmrcNOqF/kqVfv2lPcnBdb3+xPl+ua3ZDjPmHDPlK"
    "8s1DdMzs+DOkHYBrTzTEL9327yV/nSIjQcXX6KhqeXvnQ798gjktkX1NGeaTotgSsKsjlI"
    "ZBaVRlhKq1Eu2dcuJ/0/N9ZDZ/9Ls/9dBOljmVUcE+ilK1m6Lu+RIGtpkQPokkIjqt1Ppa"
    "Bul/upBrUc6sbh6sUcctLKGVKSc7VsNvk/glmaCejaJPJ4NdUpdzzfZVXUW1XaT9VLeIZi"
    "4lNAU64dBlrs2emCwCn0PEU46j8XOoekXe22/4QNEsvrsv0c1IW0SSUZtUuIp7PMoCH+mc"
    "E3pwvPKlkLLY3bt8SEmJUvU5cl1KKpvE6ddgC1zAFUb3i1B6gNS/pgHqC6Ab1vF5A2jmvj"
    "eNNR1sZxbRxv6NLVxvGtRwTCJyQxU6gFiSWBjiSpLkZol4R6gbfLJVEiIyZr911jcR9hdE"
    "PYH7u1t9fBgrhda/uWLOhjYePq5NrRwzHdYtZ0IzCblUj+iBqDiLwMnyL3BQUedB8QbyFC"
    "Ad97QPAOPwEXPbDNGXG82WD+ykHrTMBWMGVXwrnk5Vl39SBprkZko43MAhvlanwviRo769"
    "BZ1tCuLewlLOzlTevapr6miQNdbqRl5NoUmbaSbdJJL/GaGRaow3dTZDp4t3zwrlYs1PuM"
    "Vix2EFDSY2KeOZUJweGdXNEXxmPWibtqPuuO7vWSFyu4Advt/zt+966Iz/XdO7XPld9LVT"
    "5lH1UJhMPhLUT3h0Ie7R9yPNo/ZD3a7IkewqU8rAkSLTw2qS3tX/8P+UxSoQ=="
)
