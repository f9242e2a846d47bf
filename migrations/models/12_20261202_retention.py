from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Retention (README "Retention"): beat purges finished jobs with their operational rows. A health
# score run is business data: it outlives its job, whose link becomes null, like a report's.
# Retention walks `jobs` oldest finished first, along a new index. What it removes is tallied in
# `purged_totals` (by hand, no model), so the Prometheus counters read from the tables never go
# down: `domain/operations/repository.py`.


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
ALTER TABLE "health_score_runs" DROP CONSTRAINT "health_score_runs_job_id_fkey";
ALTER TABLE "health_score_runs" ALTER COLUMN "job_id" DROP NOT NULL;
ALTER TABLE "health_score_runs" ADD CONSTRAINT "health_score_runs_job_id_fkey"
    FOREIGN KEY ("job_id") REFERENCES "jobs" ("id") ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS "idx_jobs_finishe_108395" ON "jobs" ("finished_at");
CREATE TABLE IF NOT EXISTS "purged_totals" (
    "family" VARCHAR(32) NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "label" VARCHAR(32) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    PRIMARY KEY ("family", "kind", "label")
);
COMMENT ON TABLE "purged_totals" IS 'What retention removed, added to the metrics read from the tables.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "purged_totals";
DROP INDEX IF EXISTS "idx_jobs_finishe_108395";
ALTER TABLE "health_score_runs" DROP CONSTRAINT "health_score_runs_job_id_fkey";
-- Runs whose job retention removed cannot go back under NOT NULL.
DELETE FROM "health_score_runs" WHERE "job_id" IS NULL;
ALTER TABLE "health_score_runs" ALTER COLUMN "job_id" SET NOT NULL;
ALTER TABLE "health_score_runs" ADD CONSTRAINT "health_score_runs_job_id_fkey"
    FOREIGN KEY ("job_id") REFERENCES "jobs" ("id") ON DELETE CASCADE;"""


MODELS_STATE = (
    "eJztXe1zm7i+/lc0/tJ2xu2kadrtyd45M07itt46cU7s7O45zQ6VQYnZYMmLoKnvufu/X0"
    "mAeRMY8BtQfdhuC3oEfiSk37v+25kTA1n0VW9hfkbLzin4bwfDOWJ/Sdzpgg5cLMLr/IID"
    "p5ZoChem9oiW4iKcUseGusOu30OLInbJQFS3zYVjEsxb9zDoXQ8AA/wMCLaWwHQoGH/qvT"
    "x++w6YFFCH2MjoAmeGeCN+G1n34s6MPGGG0RGADtBtBHmfr/hjDaKz55r4YWdPcLH5l4s0"
    "hzwghrPZc778wS6b2EDfEQ3+uXjU7k1kGTEqTYN3IK5rznIhrg2w80E05C8/1XRiuXMcNl"
    "4snRnBq9YmdvjVB4SRDR3Eu3dsl5OLXcvyxyHg23vTsIn3ihGMge6ha/Eh4mjvBcJrHU27"
    "Gk20cX+iaZ3U8AWICN/+JZ1gPvTsVan49Q/8FV4evz756eT9m3cn71kT8ZqrKz/97T06JM"
    "YDCnquJp2/xX3oQK+F4DgkVfw/Rev5DNpyXoP2CWbZKyeZDXjMoza4EHIbzvZ9kDuH3zUL"
    "4Qdnxv75+ugoh8pfezfnn3o3z1mrF/yRhH2e3nd75d869u5xvkN+2YehzSCdleE4itkOz4"
    "edwjGW350UIPndSSbH/Fac4oWN7s3vZQgOEW2cxu+KzOJ32ZP4XZJgsYAjQ4NOmuQLdscx"
    "50hOdByZINvwoa+CvzSRevYDjRHbHP1vKof6yeCyP570Lq/54+aU/mUJ/nqTPr9zLK4uE1"
    "efJ4dp1Qn4bTD5BPg/wX9GV31BL6HOgy2eGLab/KfD3wm6DtEwedKgEfn8g6sBa7FRt9E3"
    "8lhp1OPILYy6/7p1GfSGDHLASe4oU53w90+N8C/j0ZV8dENEcmRN3QH/ByyTpqSsbX3JnS"
    "/P+Af3rAuePdmmg/hfoDE38bM/OvsfbM5RbJyDRfT5Ze/35Pp6PhydJQeQd3CWWGwtSB3N"
    "pZU+vCRWfXp1+/S4cnP/GJHE+YUp1B+foG1osTvhlPiTTCVf6JmP+vD5BllCwZIMua9+/k"
    "KmjR3r8Gqwx3LOyDHJYjF9a348T16BGD6In8SfzZ8UYUqiv/sEZivvwRitV9xHGAFGsQPI"
    "PZgh+G0Jnoj9eCrUaK6mTSFFwCZPXJHm1yhxbaZIs9bsxzszT9+e2myHtT21HAJqPmBopT"
    "X43T5Kosp/CYwY/L5poPmCOAjrS3Hpj4Si/4WJ29Bxva3EnbJ9Y+atXH+UMgHc3g4uStgA"
    "XNc0XnHMbvSozv/cu1jnYw3Ek/gfJ/88wOYk9qE33voWXbnET8+3CTyy31dKX/Xb70qZap"
    "OyGk75NLt97M4FwwP2ShDrKC17hR/M3hTXDmvqIqPkFO7867Z/2784BR76Dt/cXl0Nrj6e"
    "AtvFmI3AHR7fnp/3+xe8EXV1HSGDt/vQGwz5pXtoWvzf572r8/5QXNI5J5blv8vB1eIFtO"
    "G8lOgcIvYvOh9GKNuJiMxu8fcvQXyI2Ij4egpIe+Md2TaxGatGKYtxHFVp3aoZ77veIzzG"
    "5ohSJqOmqZ6g7xlOjxSwDWznqXz93yf5s3yl8Q1HVx+D5smpnzQnE/4RSBb2DxaBGcxHQQ"
    "nS7zlqV6v60auj/dN+Mbo9G/bB9U3/fDAe+AvNSrUWN/kldsF0BAU3/d4wg+XsaZ5nvk9j"
    "2zDT4+vK8du3BRYW1ipzZRH34rRDx2FKmSOZ3Jme1ChkvT91axN7VxxvxZ8a8Y0ImVSzEf"
    "tp1EESvemMEAtBnOEgkcATJE8Zflcsr67sdwE5G42GsXX7bJBcmG8vz/pMHn8RX0jS/DOR"
    "2qGaQxxolZjTCZSa1nJaDYIlC/MaVgOQIlVOqqfYlqY1hClik8Q+oemMkEfNtSWLQLYckY"
    "C1UIQ4OnlfRIZgzbKFCHEzznfSsluCcwm0hbzvQnTzZYTS0URJXPvo3r4G7isWWjl/Qxy1"
    "Tb9DfVXwtW6GyPYX9fGkaM33bCexyrNdN892cwPG9upeam+8GHWYnFpp0ONI9WnX+dO+N3"
    "HVNTwB3cs47/PbbtMwuwuj4goeR6qQ3xoPu//2EeuwF7wjFXuz7cMxUCXjRM3W622YJ1KB"
    "fimWJf4lYiPzAX9Gy1QUiDysL8wqaxbBWZF97LINn1ZxX4mpxX4/+9XIswSzVwBXt8Nh5+"
    "8iEZTChCYxzZcLobxmvTRwwcqMo5SZ0NA3hDel6jevrz7vqq18zRC0nJlGdfbNaraLN6Ts"
    "k+huzHu7cXF7vuiEBWtBNv4Ob0QnLWWIImjrM83E1HyYbcrUWHQ28PpqEWGlwr8jUTXfRW"
    "C2T5mc1hFGE8L+WE9uP9Zbi5gtFysvtkR5vHywW+bGzGurnblY4Dy1TC9AHbJW+CVxHcB6"
    "Ac8h0GcufuR3TIN22W2uYbzo8mhTMPVS13lOuh/M7ltq5RHzO3iGNFT+Ty+nQEwCFRxfL6"
    "t1dnC8N1wporMLEQTt9+e2rblqpMLhVTi8CodX4fBN512Fw6tw+FrN8p2Ew6uI4S2LPCq2"
    "RMWW1Ifjmruomh5bojyT64ddBZeob7uRwSVqnCuOs4ouadsaXiS6hJv7ywm9IUIJvPkxJb"
    "4vYcN4kmJlompK6NpoknA2xSJJznvj895FPy+QZJcFp/xgiZ6nM3ckvrREi26eSy0I44iq"
    "4Os9a5MZAhZ54J4tghH4NJlcA78H4BDAnmJ+QzaAGIjwkLTbrEoHUp8YCmJGfHTKL1bK+6"
    "WqQ29YHRqGc66c7Uc5vDKsPz4/lYSfJLaF4k9zxR2pzuq4NMNBkPkBJVAqnjb9DQm7fmlH"
    "gHIAdCs5AAzXFrFQmsy5m1MSJ4HbZ1Wcw7C/jbI4mM3hQHirsENI4MoSUuc9Qsi7Uq04x4"
    "McwbTw/IKTIqdwnGQfwnEizuDI0ZVXOsaG2nJLw9y7CbU5Ot1qqDh79GerzavhWa80h7kP"
    "xYJRRfuofsv+Cnms6DMK/D7B7c3wZxEZahpBleWv/r2XpvGVa8ysG3sZqMvykNSdPSkvMF"
    "VM943077wyINtbvWp0uM121q5ujkYuuCpBdNC+hRvFm+MCZL85ziSb34pLXyXrB21SN6je"
    "1O6qcNACLpncL1kp8oJEVxAVJbpBtGIDI60XCBucwnIj0LnuX12I0Goff4cv+sPBr/0bHj"
    "Ttb6Cy0OqPTMY/BQ9++brDB1SryLst240aqlyrGhbVdGsLQYo0FzumZFdfc5BSHKpsKHUe"
    "ZxURmL2CNjOapEhEoIomUdEkzYwmSUl4mkUe0nxXqLgRCRFpCes7PevtlgqLV8pyKK538y"
    "yGLmtR9Jx2pobYlGDwNCMUAa9uCIDYADqZzxE/b40be8C1y+AT1tejd7A65Qnnd0z9dUyE"
    "nbsOMDGgCBng6OjkheSw9p09Rp3YXq+YHHVi+27rLKM5lCkMOf64AKAYLsbw1LSdmcbFar"
    "nALqc5jsoT1luljnFZO2nKkxWgKGjHk9ai2KURz8WPTITHZY14H/qXvWGf9ci+LgvdYe9f"
    "3t9Hk0/9m1NA+HZ0h2+vPl+Nfrs6BdEnHdx4N0O86pKmzyWCdHbMTAxVMWKmQVN7CwEzc2"
    "SYOrS45GiY/N1KVaCQow9wrnlYGGfqmpZjYvqKP+8QtXF24n1QNprslai9NhqV59W2Uc/K"
    "80oZkwqZPxYLwviY86ibDWsd9sKuGjgZMq0fManZIoSRg+jGZJ3xniaoyW7zQsVZ54j1pW"
    "/Kllea9VL01VbC5uw3bsrTJYI7O6fw0PwsZksqBEVe8vMbkxSl58OWYeva77HndVikiHcj"
    "mfNr/u6r6G8jOaIWQguNsjnFNZBNq/7yzsZeX20ljNiGb3+vztOI99EmgnbpKYmKVxKHSU"
    "L6yvabRCW+Qu6TbFqUW6Jebgmqz5DhWtVq9CSw7Tv3q7nqnSTexjKxqZtQUkc920kSAylH"
    "SdEjPyGVlavPO+wzQLSQ47dHRdIrWKtMjsW9xsdFr5bLsk6V8fmn/sWtCHpe9XGHz0eX18"
    "P+RJSUJvMFj2TJKDR9h69G2vjT6Dc2XuQlnbEFosIwbt/ZoqzL2dQ3085YyLpMkV3uqLII"
    "YlfR8U0T6XKiAF0/DGrDMMAgmqpZ3BYNA4xMqTolx4YmXom6FrP/ZitrEYOz0tUa92F3c3"
    "Q1Bz4iXGG3jOKUjlZnHe0eUof9Vu3BcnVCkTZ/0AxJUFtOKEpmDyospUBYymwKX+vagsfd"
    "SmtN5IQAJZGK7wJ8O8ThYTwzYrHtCtnEqjDjc/pQY1BgDCyjCusxlOK5yNpSieeZ4rnsmm"
    "KbD9ZSR7bJ3q/KeiLHK+4LcK8sOpnMK4uOsugoi84PZ9GJhaFJjDrJMLVsu048Oq6QaUcU"
    "IZsjSF0bced9UOj7kQ2ll0AYuZlIIux6iYYGv8jLk+kQE8xDnwCbGBn1znb3qPWmqC/RGc"
    "CfKpZJ75kVTuBVxqoNjVXBEFRxzwXYOjtDO5/6vZuJdsP231Oet2s7Gn+pOzzpX1732eXb"
    "G3aDJ3bzl2WT8A6fDUejC40JWOMxu6mN/z2ejIaD81PgmWwXbEfms1WjS/Y9WKaeQlwMeh"
    "kQw4QB5rf+4OOnySl4EklJd3h8PTo+BXRBju/wx+Ht+WjMyyV55qE7zLq+HrC3Hd382/8t"
    "rMuFyV6Z2Evxi6r4Crdf4+0btFxJ3mGOHL9CqBLGRUR3vtTKv9cMEc5vX+dvtGLAwvY93d"
    "F9qKRilIAq+32d7feUuLZeKs0/ROwxEoVJq64X9b/7j2n7BwsrI0M29crIoIwMysjwYxoZ"
    "xjobrAuT/9Sp6zOQYW9IN+0WMD1QjmKqRggrcVAZJfw8VyD6oIF1gAcusv9jBzwntqh9Tr"
    "6xaWNZXrsX3CLgtZsxOEdBYLuYKTcz6ACYMkLs6kF3mLInWAjwCfCMAt/Pa7IrJgV80QXw"
    "gc0bmlOenXXXETNv5udErd5JnZZ2UEtFOCKFo+JXiBZqP9vX3cOJXorjCEjRXIBmb8VLc9"
    "yzbbjMyuAJIAmG21ednZs8vvyRzNRwcTmZMgSoYxLXy5T+lrehSBkRWW7cNiXHJqXLcHLV"
    "VLjk9OfLlP4AFRQl2Q8u4cjiGEYzF864APfEI77AgixcL2f4VPiOotJpF0yXYMqLafL/2N"
    "+9ffsVYGKi1H+11SfcYSYlvuQCIzepswlFAbQR+Oqn1ouTfYR37GuUk69gDg3Eu+JvQBnR"
    "/LwgVdGzhnIjpBq5l5ug5MSuABtWQazp+ib1TKTLID6xtyRPmgGXZY7ISKDU7is5KIP9Tq"
    "0auxKkYljC8JytvMTQviE7qNNRVJ1JI1uo02zfcbaq2F3C5qumb9b0FRJGGVEgBCg+JXxy"
    "ya9U4dIVQJ2JtklVUiFklyI+AlHUb0D9k8kUFV+DSfN/RpjCBHGWBBeHJsZhyrDtGoCz0W"
    "gYG4CzQfLc9tvLsz7bEcVohNE56YWmWS7vvSp57fV4r6p6VBn2BFYdhVbnsKEDHYrVnBFt"
    "xplYST4Pav0qanTOOBCLPR5c3Q6HxU7ESsUEJOSC0nV7pQEKzRQN9lvyUZTzldjogzK/2Z"
    "Z5UUy4kDU+mwFloq6XiZrLflUqhkRx7ZMZ2yQ6RClIDXK2OTIBa6EtcidVB3VoEduUBVnk"
    "JKJEQSoXpUguysImDjKxJjleM4fnGEql6xdJ14f2lMyWBiekJNlpqGK8AOP30ClJ9Aqh+F"
    "UFKJSlTCoEqdwQlRtycENKTXNDUifWSIwDslNtsg0FklN1CpkNOr0gfcIHLsE9sUXahQGX"
    "srOx1zWX5lkEk1UEU6nMikOaH8qeFbylU4LrtvOWi4+jDlqUCXlZtVchGhLPqVg7kDY3se"
    "vI9PZMWtNAxa+EX27557u+9ljuyOQETtlFiunryvy0D5qVEqmUSKVEKiVy6ytWU5VI/yBP"
    "ieoYHvGZrTBGgv6KKImrkQUeEMApcdmfQh0Uefvs7wtkm8Toirwrnin1J5my/0MHLGxiuD"
    "ovJigpUrjtzpW/u14KZ3bRQTmvTSg0WNH/uf26S95XobEFWlYtIVurT+J+aO3eJwPJ5ula"
    "CpF0tv5YBDKwIy0lkRf8v4Ko4P9N8i4apRepKPStqEUqNnnNp7YmNlmpmErFbJaKmfj6t0"
    "BotfD5enzyuwyg36XKPrYQWowRpRmFAGP3u3nqO+UtNeo1VRHizVsxuzkac442ly3OFVLl"
    "minJNURyKxQbnqlk5gT+r9cwG+q5aNPAGq4tsqiy3dp5nlcJWPkFi/gF/3Kh5UdHFdyFIo"
    "hK4nvNRKJtBw80y6CgHK3bsSgoLVhpwQfX2mrqaB3ZhlCKUuqad6Obp6cR3qSolxUD0Ryg"
    "76ydtQSQBuexHQM2KCZGFJjOz4DtYNjhsbf/BEe81jnrjgAIzj/1zz/zouncPcqViymkSO"
    "Jv3dljlB5ZLz3S84w7mvh3it5sD2wS10JP7PHbtwVcsaxVpi9W3EvJouKDKSeMriAqllUi"
    "joqlSssOWs8WR+NIZRWps/KsxE8lftZW/Lxh0/tmcD45mNcAQVufnVum/iiTQqO3c2VRKh"
    "pqOm9ZUCQVvVIRc2fOxcGm3N0QHODjdcjkRGQv2YUgDQw8D8TJZxR8jT3164u0PLqDZ9zh"
    "O9zzMXPWeAa/8Z7E6ULAJk9UZK1BryOLTWQhxwJo2+Y3JvwygXjOPg3R8sXPQs41MeUnt7"
    "J7hnGH2ZU5cBevwFfxSM2Z2cR9mImjWb9yUZmXenN5QON0Ca69tXL8ryG4t8lcdOc8EdbG"
    "ZROUn8O8+pzusLfA8dOXCcCsjWXy85F0iL3jmMXPF1GPhkkh65W9La/hyDud71UG9ylXon"
    "gxUdynS0zJMqJ4EqdE8WKieLjIFZzPIWB/YvhRrSdzZGEIl+UyWnocpWhNWdpTe0cpn5Ec"
    "XsRrlF6Ma+bT2LHPyF9Uy2ZCJ2A/dsSv8hL9IF6ilFZ5SCVo4InhnUw1KGhQRBEKZPpiqt"
    "DIUzyYuiEW3pf+whtqBjKNJLj5lUn07oLpl75OwKd3WhPazSOUVb5eqoA/YKW3nyRu2/tP"
    "HSojF9x9INfkH5CmOzKrVrbIlMCp6m0FhKU5gtjTP0vTnYYqxguFNCF5QYkcLxLKqCahnE"
    "j8ikMcaGlZNoEz8yGT2SSyTfT+4/j4zZufjo/evHv/9uSnn96+P1rxnL6VR/jZ4CPnPCaV"
    "Zg1Cri1h/UgczKjQwuFYaJkrTXbeZgKmcjc3yN20mPK1QPY9seei7FKF4cjpQg3NBkMj4q"
    "BMcXRGlZMlM+AttN5v/3jJwHdW8YQlt9XGpYYYkwoFfags5jUj2swTlurBZ1NTRC+QZbId"
    "Y9lzHDRfSC2dySbdPFun4TdmS6JoXcLa6SOAQ4DfC4AAE8e8N3WRrdRdxR7wIkzfTMOrDI"
    "zpE7Ll1s3Nu5SWF472IH6fz8xGlYbzlJGW2Tr3onpkW0RhOJELGjwiiDapgNurAMs+kfLi"
    "U4hSR1PWWXDyZ38lETmJVTJyrYc62ATLKJ9RjNI4C2icTA52XInZJScsb4VQBBcgmH0QC/"
    "ZExBg0JD7PzG0+hVObvWSz5wHMWF9q8zIuozhI8SoTojwNBcl0A0IsBHGW8S+CSzA7ZcAG"
    "Upsn8o9Gw9huejZIKABXt5dnfbZivIh7PtOEs41rCqemvJ5D/iGDUZxyMhdx63NTQbZpO3"
    "PdSOFUDY30RI7aI6QmzjzbggTcpuV5D7aGHMNo0lK0oYX0KtFdw4akqK1UMiXrVKAhMIhe"
    "8n/+6i9NOYbTWLtuIetpeK9ItXx/eUQGEDgAbcYfwwRVE2z0YLJelr6184kndJkOeIIUiH"
    "FgQIJFRhzV2ZQ0ZEXzd/KMDWJFy28lpTaRhlhSVRX9JuqnwbeTJjg78iKKUaEWG4Ra3CPo"
    "uHa5sJcoRpG/AflzxN5HL8V9BKKo34B68Wj+QiW4j2IU+RuQT4lr66WKIoWIFm6pb44LbK"
    "lvjjO3VH4rkTNMvaOIJRznGs9iuD0az1ZXGms9E7RVTMpMYpX/t85OQZV8m72stSv5VoVL"
    "7jBc8tDGKmw6xM4+xVHesFvQXCUwWqlTHocMC/zq2Lz8ErcieXtxYGJ6YMNAHUBcRydzRL"
    "3DGH1dDBi2ee+A59fjgaTI05b7VjnN9bJOHdabVLtNaNuFYlRGxI8h2D0xDhmCl4krO9AJ"
    "qBroJgy0QyoOswdUg1zrQbak1o+cXE651UMZ9soY9oSkWIb1FUDRvgHt0EK+nlHYf7ZCKO"
    "JLEl8zTfbaRnzM1gRdRFp1C+mwixWgcNxFJBCQK5lBVzzQgSucGH13ghQ0T7/kVz3909dB"
    "vOK6c2ggYDqysItdPGLL2qxKXOP39pG4ptTeXaq9hw0Hrhu7O44HXtgmsRljmm5BWioXJo"
    "1soYP0fQH/6PtM9+j7pHeUbxNa+bTXJEwtG5JlQ/lJ1iwXa/wk8VVByGCVTI9JrLJW1Npa"
    "oXIWVM5CE4akJTkLsVGQqM3JUSqgMEd/cYkyL1FYpDCLp70+MX2U66k01HT5/DKovL7LBn"
    "0pJbjGq1M3RwnWZxBjZJVRGSIQpSus0xVUCYi9VCjQzQU/a0sTx3KVO6RJCm4h7UWChLNj"
    "hFMhwlyN5WUIPI5K8J0CtpDr7U/xBVxaBBoaNf+3TA2OJKxNcv3WbA5Tl/Jjs6kWGMPKTG"
    "cpeH9TmknK9hxanSbujRRh1ospO9463zgRA6qzgetsmMirztTH7jyl9sYH+gCVmjoLNrv8"
    "LK0So9u57l9dDK4+ngIff4fH55/6F7fD/sUpoPoMGa7FDwm96Q/7vTG/aDN1FlJ+7aI/HP"
    "zav+EXV/Vn7vCH3kCA76EpkP3frweiDfq+MP0KNYffmaKlSQvuSlGIOlkwXRGKOlr5qmYJ"
    "2F63IIz2swFtf/YK1qpWOJOD1YyWzuiKhc5SSEVv2tV+YO9vzbxnuzXoEMtkc7HCsRJpZP"
    "vI3v4CHfWaV/BjSuAqPbbOCkMgFFcY6wRUjXOdx9nTYWiFYY4j1SjXeZTZFYu7XDVyXzos"
    "IY1tUbXKPZ8Xp4oOZA9Iu4oOlEgvSNlwNJs8yQ529NEfPt8gaxXTII9PkRxv07D5kBWiIg"
    "utyzgIswJf8QSLtlC2yxic/ncRHpMRgRO5282Lv0GrdsXrg0LL5OudAULwKaAOr8Pplevk"
    "UTJ/kukzCqir64jSLsCIH5f0NEM4qONpYtGRtDro9p+wQYDOgUJy6xWts0lEbnb0DXcLzK"
    "Em/pniN6eaWRzWQgf6u5MCdoR3J5l2BH4r4Wz0OCuf7pMGKie6PN9HBTrt2hgmNrAyDK8A"
    "LaT3+OioSEjT0VF2UBO/l5rGXBCuYt5NIVvI+U5OF+LvmyI6O/c8RKjc8w2S/v356pBHJF"
    "NiskPKkji1HWZUfbKQSF8ozbAUq1gueXhWTo5xrkNZpRhLU4xtBOljmVkcAtTUlUxdmxdi"
    "l9XNzyF0hVCMShil8BuSmCmyBYkVYCM5omb+hX2LEcqzkD3Bf1jPQtruGzMnpmfKCKMJYX"
    "8UzIL9xeujiRbEtamvofG0QMbrlizoY2Hj6uTa0f023WLWdM0zm5XIZA0KLJF7AIFLkf2M"
    "AgfaD4iXYqKArz3Ae4ef/eOxEOebNeav7JUgBmwGU3bF70ue5rqrB0lM7F86gY02MAv8sU"
    "la7I+SE7uzSsdlDe3Kwl7Cwr7jM+SawPC2i+HQ1UJaRq5NwJSVbJOKpJHXTA3BhO138iFI"
    "wNoQ6JsnvfZ/n+QzvxJeh6Orj0Hz5HAoxUIpFqUVi+2Jwz0m5ukzmRDs38kVfWHYZp24mz"
    "3O6mSMesmLFdyA7fb/Hb99W8Tn+vZtts+V30tkkLKPqgTDfvMWsvu6kEf7dY5H+3Xao82e"
    "6CBcysMagSjhsUnlvf/+fwyoXBs="
)
