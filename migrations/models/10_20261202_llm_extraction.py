from tortoise import BaseDBAsyncClient

# Extraction jobs (issue 12): users' registered JSON Schema targets, versioned, and each
# job's validated result with its provider, model, prompt version, tokens and latency.

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "extraction_schemas" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL,
    "version" INT NOT NULL,
    "json_schema" JSONB NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_extraction__name_a8cfe5" UNIQUE ("name", "version")
);
COMMENT ON TABLE "extraction_schemas" IS 'One version of a user''s target, as JSON Schema; registering a name again adds a version.';
        CREATE TABLE IF NOT EXISTS "extractions" (
    "schema_name" VARCHAR(64) NOT NULL,
    "schema_version" INT NOT NULL,
    "provider" VARCHAR(16) NOT NULL,
    "model" VARCHAR(200) NOT NULL,
    "prompt_version" VARCHAR(16) NOT NULL,
    "result" JSONB NOT NULL,
    "prompt_tokens" INT NOT NULL,
    "completion_tokens" INT NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "reasks" INT NOT NULL,
    "retries" INT NOT NULL,
    "saved" JSONB,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" UUID NOT NULL PRIMARY KEY REFERENCES "jobs" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "extractions" IS 'A validated extraction: stored with its job''s success, never when it was invalid.';
-- aerich writes no CHECK constraints: the database refuses what the API would.
ALTER TABLE "extraction_schemas"
    ADD CONSTRAINT "extraction_schemas_version_positive" CHECK ("version" >= 1),
    ADD CONSTRAINT "extraction_schemas_name_format" CHECK ("name" ~ '^[a-z][a-z0-9_]{0,63}$');
ALTER TABLE "extractions"
    ADD CONSTRAINT "extractions_counts_not_negative" CHECK (
        "prompt_tokens" >= 0 AND "completion_tokens" >= 0 AND "latency_ms" >= 0
        AND "reasks" >= 0 AND "retries" >= 0 AND "schema_version" >= 1);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "extractions";
        DROP TABLE IF EXISTS "extraction_schemas";"""


MODELS_STATE = (
    "eJztXW1zmzra/isafzntjNtJ0/TlSXd2xkl8Gm+dOBs727Nbn6EyKDYnWPJBkNSzz/nvKw"
    "kwb4KAX4HqQ9NE6BZwSUj3y6Vb/23NiYEs+rqzML+gZesU/LeF4RyxXxJX2qAFF4uwnBc4"
    "cGKJqnBhag9oKQrhhDo21B1Wfg8tiliRgahumwvHJJjX7mDQuekBJvAJEGwtgelQMLzsvD"
    "p+9x6YFFCH2MhoA2eGeCV+GVn34sqMPGEmoyMAHaDbCPI2X/PbGkRn9zXxdGd3cLH5p4s0"
    "h0wRk7PZfb79zopNbKAfiAZ/Lh60exNZRgxK0+ANiHLNWS5EWQ87v4qK/OEnmk4sd47Dyo"
    "ulMyN4VdvEDi+dIoxs6CDevGO7HFzsWpbfDwHe3pOGVbxHjMgY6B66Fu8iLu09QFjW0rTr"
    "wUgbdkea1kp1XyARwdsv0gnmXc8elYq3n/JHeHX85uTDyce3708+siriMVclH/7ybh0C4w"
    "kKeK5Hrb/EdehAr4bAOARV/J+C9XwGbTmuQf0EsuyRk8gGOOZBGxSE2IajfR/gzuEPzUJ4"
    "6szYn2+OjnKg/Ffn9vyyc/uC1XrJb0nY5+l9t9f+pWPvGsc7xJd9GNoM0lkZjKMy28H5sE"
    "M4hvL7kwIgvz/JxJhfikO8sNG9+aMMwKFEE4fx+yKj+H32IH6fBFhM4MjQoJMG+YJdccw5"
    "kgMdl0yAbfiir4Nf6gg9e0FjwBZH/5vKgX7Uu+oOR52rG367OaV/WgK/zqjLrxyL0mWi9E"
    "Wym1aNgK+90SXgf4L/DK67Al5Cnakt7hjWG/2nxZ8Jug7RMHnSoBH5/IPSALVYr9vokTys"
    "1etxyS30uv+4Ven0mnRygEmql7mGdf8QUQd4wQTqD0/QNrTYlXA4/EEmND0QznypX7/cIk"
    "toeZIu93Xgf5BJbfs6LA0+dI4ZOSZZKKYvzY/nyRKI4VS8Er83v1MEKYkR4QOYbUEEffS8"
    "9TDACDCIHUDuwQzBxyV4IvbDqdDlua44gRQBmzxxbZ6XUeLaTJtntdnLOzNP6Z/Y7DO3Pd"
    "sAAmpOMbTSZsRubyWxJ74FlhS/bhpoviAOwvpSFP2esDa+sTUfOq6AbeFOLJPOvJnr91J2"
    "yN1d76KEIeK6pvGay+xGmWv97d7FOu9rIO7Ef5z8vbX/6VDoGm+9+S06c4lXzzdMHtj7lV"
    "Ka/fq70uiapDGHQz6Nbhe7c4Fwjz0SZCZ8CunIB7M37bnFqrrIKDmEW/+86951L06BJz3G"
    "t3fX173rz6fAdjFmPTDGw7vz8273gleirq4jZPB6v3Z6fV50D02L/33euT7v9kWRzjGxLP"
    "9ZDq6bL6AN55Ku/MdwcJ1h/KwkkpqZqTvg/wGbAlNekhpo4jnAcixi+lgA6Iurzm9JrM/7"
    "g7PkdMUbOEsAzy7x5y8BfCixEfDVVJD2hjuybWIzVI1Sbqu41FrzVsVw3/Ua4SE2R5QyHT"
    "UN9Qj9yPC8pgSbgHaeydf9bZQ/ylcWX39w/Tmonhz6SZ8W4R+BZGL/1SIwA/moUAL0ey61"
    "q1n96PXR/mG/GNyd9bvg5rZ73hv2/IlmZVqLi7yIFZiOgOC22+lnoJw9zPN8iGnZJoz0+L"
    "xy/O5dgYmF1cqcWcS1OOzQcZhR5kgGd2Y4JyryfFBnawN7VxhvJagTcdAKnVSzEXs16iCJ"
    "3XRGiIUgzvDSSsQTIE+Y/K5QXpXsdwI5Gwz6sXn7rJecmO+uzrpMH38Zn0jS+DOV2qGaQx"
    "xolRjTCSk1rOWwGgRLJuZnUA2EFKhyUD3DtjSsoZgCNgnsE5rMCHnQXFsyCWTrEQmxBqoQ"
    "Rycfi+gQrFq2EiEuxvFOenZLYC4RbSDuu1DdfB2hNKUhKdc8uLdvgfuGhVYu3hCX2mbcob"
    "om+LNhhsjyF43xpGDNj2snZVVku2qR7fqyVvYaXmouaYU6TE9dq9PjkurTrvKnfW/idefw"
    "hKjq5yr3s7sw1pzC45KKeFjhbvefPuIe9tg7Ur0320EcE1rLO1GxD3kb/okU0y+FsiTARG"
    "xkTvEXtEzRQOS8vnBvS70AzqL2sWIbPq2IX4mhxd6fvTXyXMHsEcD1Xb/f+qsIhVL40CS+"
    "+XIcyhvWSg0nrEwipcyHhh4R3hSqr15bXd5UU/GaIWg5M43q7JvVbBdvCNmlaG7IW7t1cV"
    "NBs9GCbPwh3opGmjPpxa0oBG19ppmYmtPZpkgNRWM9r60GAVaKAB7h1fwQ1GwfMjmsA4xG"
    "hP14HtxurLUGIVuOLS/WRDljPlguc1nz2mppLkadp5bpUdQhq4VfEdcBrBXwAgJ95uIHfs"
    "U0aJtd5ibGyzbnm4KJt4OWb4316ey+r1bOmd/BPaRk+T+8XQViECh6fLX81tn0eK+7UkBn"
    "74cO6u8vcFtx20gR4hUhXhHiFSG+7rgrQrwixFdqlO+EEK84w1tWeRS7RLFLqoNxxWNUdW"
    "eXqNDk892u6CXq21b0kp+pnxW9pGlzeBF6CXf3l1N6Qwml8OaTSvxYwoaEkmKJoioK6LN0"
    "knA0xagk553heeeim8ck2WXKKZ8t0fFs5pYklpao0c4LqQU8jqgJ/nxkbTRDwCJTHtkiGI"
    "HL0egG+C0AhwB2F/MR2QBiIPgh6bDZOg1IY2IoII340qm4WKnol0pSu2GSWhiOuXK+HxXw"
    "yvD++PispfwkZRuo/tRX3ZHarI5LMwIEmR9QQkoRatPfkPDrlw4EqABAe60AgOHaggulyY"
    "K7OUlxEnL7zItzGPS3kRgHszEcKG9rrBASceUJqfIaIfRdqVWcE0GOyDQwjfpJkcMATrLP"
    "AjgRRwHk2MorG2NDa7mhPPd2wmyODrcKGs4e/Nlm86p7njeaw80Pxcioon7UvmW/Qs4V/Y"
    "UCv01wd9v/JJihphHkWf7uX3tlGt+5xcyasZeBuSynpO7sTnnEVDHcN7K/8xKBbG/2qtAZ"
    "G9uZu9o5FrnAqgTQQf0GLhRvjwuA/fY4E2x+Ka59lcwgtEnmoGpDu6vUQQu4ZHq/ZKbII4"
    "muRBRLdAO2Yg2Z1guEDQ5huR5o3XSvLwS12pcf44tuv/ev7i0nTfsLqIxa/Znp+Kdg6iew"
    "OzyhWjHvtuw3qqlxvU91pkm2tYUgRZqLHVOyqud3dUJU+VCq3M+KEZg9g9aTTVKEEajYJI"
    "pNUk82SUrD0ywyTeO9RsqNCEWkIajv9LS3Oyo8XinPoShv53kMXVaj6HHRzAyxKcHgaUYo"
    "Al7iEACxAXQynyN+4hp39oAbl4mPWFsP3vnOlG84HzPz1zERdsYtYGJAETLA0dHJS8mZ0T"
    "u7jTo4ulqcHHVw9G4zLaM5lBkMOfG4QEAhXAzhiWk7M42r1XKFXQ5zXCpPWW+UOcZ17aQr"
    "T5aAoqAfT5qLYpdOPBc/MBUel3Xi/dq96vS7rEX2dVlojL2/vN8Ho8vu7SkgfDka47vrL9"
    "eDr9enIHqngzvvZohnXdL0uUSRzubMxKTWZMzUaGhvgTAzR4apQ4trjobJn61UBgq59P7j"
    "DJHEOBPXtBwT09f8fofIjbOT6IPy0WTPRM310ah9Xk3r9ax9XilnUiH3x2JBGB5zzrrZMN"
    "dhJ2yqhoMh0/sR05otQhg4iG4M1hlvaYTqHDYvlJ11jlhb+qZoeblZr0RbTQVszt5xU5yu"
    "ENzZSYWHxmcxW1KhKPKUn49MU5SeEFsGrRu/xY7XYJEs3rVEzs/5u6+kv7XEiFoILTTKxh"
    "S3QDbN+ssbG3ptNRUwYhu+/319nAa8jSYBtMtISVS9kgRMEtpXdtwkqvEVCp9kw6LCEtUK"
    "S1B9hgzXWi9HT0K2eSd/1de8k/BtLBObugkledSzgyQxIRUoKXroJ6SydPV5x30GEg3E+N"
    "1Rke0VrFYmxuJa7XnRq+mybFBleH7ZvbgTpOdVG2N8Pri66XdHIqU0mS84kyUj0fQYXw+0"
    "4eXgK+sv8orO2ASxRjduP9iivMvZ0NfTz1jIu0yRXe6ssojErtjxdVPpcliArk+D2pAGGL"
    "Cp6oVtURpgZEhVaXNs6OKVmGsx/2+2sRZxOCtbrXYfdjvHVnPgA8JrrJZROWWjVdlGu4fU"
    "Ye+qTS1XJxRp86lmSEhtOVSUzBYULaUALWU2gW90bcF5t9JcEzkUoKSkwrsA3g5xOI1nRi"
    "y2XCGbWGuM+Jw2VB8U6APLWAf1mJTCucjcshbOM4Vz2TnFNqfWUke2yZ5vnflELq+wL4C9"
    "8uhkIq88Osqjozw6P51HJ0ZDkzh1kjS1bL9OnB1XyLUjkpDNEaSujXjwPkj0/cC60ttAGL"
    "mY2ETY9jYaGryQpyfTISaYU58AGxgZ+c52d6vnXVHfoiOA31VMk9491ziBVzmrNnRWBV2w"
    "TngukK1yMLR12e3cjrRbtv6e8n27tqPxhxrjUffqpsuK727ZBb6xmz8sG4RjfNYfDC40pm"
    "ANh+yiNvz3cDTo985PgeeyXbAVmY9WjS7Z92CZekriotfJEDFMGMh87fY+X45OwZPYlDTG"
    "w5vB8SmgC3I8xp/7d+eDIU+X5LmHxpg1fdNjTzu4/bf/LqzJhckemdhL8UbrxAq3n+PtEV"
    "quZN9hjh6/klApjIuo7nyqlX+vGSqcX7/K3+iahIXtR7qj61BJwyghqvz3VfbfU+Laeqlt"
    "/qHEHpkoTFt1Pdb/7j+m7R8srJwM2dArJ4NyMignw8/pZBjqrLMuTP6qE9dHIMPfkK7aLu"
    "B6oFyKmRqhWImDyijh57kC0QYNvAOcuMj+xw54QWyR+5w8smFjWV69l9wj4NWbMXEuBYHt"
    "YmbczKADYMoJsasbjTFld7AQ4APgFwr8OK/JSkwK+KQL4JSNG5qTnp011xIjb+bviVo9kz"
    "ot7aCeirBHCrPiVxINtH62b7uHA70UxhEhBXMBmL0ZL41xx7bhMmsHTyCSQLh52dm5y+Pb"
    "78mdGi4up1OGAuqYxOd1Sn/J21CljKgst26TNscmtctwcFVUueTw5+uUfgcVVCXZC5cIZH"
    "EZBjNXzrgC98QZX2BBFq63Z/hUxI6i2mkbTJZgwpNp8n/sd2/dfg2YmiiNX231DmPMtMRX"
    "XGHkLnU2oCiANgLf/a314mQfER37HsXkO5hDA/Gm+BNQBjQ/L0hl9Kyg3gipRu7lLig5sC"
    "uBDbMgVnR+k0Ym0mkQn9hTkifNgMsyR2QkpNTqKzkog72nth66EkmFsAThOZt5iaE9IjvI"
    "01HUnElLNtCm2X7gbJWxu4TPVw3frOErNIwyqkAooPCU4Mk1v1KJS1cC6ky0TbKSCiW7FP"
    "AREQX9BtA/mcxQ8S2YNP5nhBlMEGdpcHHRRD9MmGyzOuBsMOjHOuCslzy3/e7qrMtWRNEb"
    "ITsnPdHUK+S9VyOvuRHvVVaPdbo9IauOQqsybUgdivVcl9b0UKyD+r+Kup23cSRWihSQUA"
    "xKJ+6VMhTqOZ73m/NR5POVOOmDPL/ZrnmRTbiQOz4bAeWjrpaPmit/66QMico1T2lsku4Q"
    "hSDVydn+yIRYA52RO0k7qEOL2KaMZZGzEyUqpDajFNmMsrCJg0ysSc7XzME5JqX26xfZrw"
    "/tCZktDQ5ISbDTogrxAojfQ6ck0CsJha/KQKFcZVIlSG0OUZtDDu5HqejmkNSRNRLngOxY"
    "m2xHgeRYnUJug1Yn2D/hCy7BPbHFvgsDLmWHYz9XXbrRIhisgk2ltlYc0v1Q9rDgLR0TXL"
    "WVtxxBjjpoUYbzsqqvOBqS0KmYO5A2N7HryOz2TFjTggpfCb7c889Xfe2h3JnJCTnlFylm"
    "ryv30z5gVkakMiKVEamMyK3PWHU1Iv2TPCWmY3jGZ7bBGGH9FTESVz0LPEEAJ8RlP4U5KD"
    "bus98XyDaJ0RYbr/hWqT/IhP0PHbCwieHqPJugJEvhthtX8e5qGZzZWQfluNYh0+Ca8c/t"
    "J17yvgqNTdCydAnZVn1S7qe27n0wkGycPgshko7WnwtAJuxIc0nksf9XIor9v8nGi1rZRY"
    "qGvhWz6EDk5PqErZ/hJisTU5mY9TIxE1//FgAtRp+v5ie/Ln+e3R5c3/X7hzLZhxZCiyGi"
    "NCMTYOx6O898p7ymRr2qiiFevxmznWMx51hz2epcIVOunppcTTS3QtzwTCMzh/j/vIVZ08"
    "hFkzrWcG2xiyo7rJ0XeZUIq7hgkbjgny60fHZUwVUoIrGW+l4xlWjb5IF6ORRUoHU7HgVl"
    "BSsr+OBWW0UDrQPbEEZRylzzLrTz7DTCqxSNsmIgqgP0g9WzlgDS4EC2Y8A6xcSIAtP5BN"
    "gKhh3Ovf07OOLJzllzBEBwftk9/8KzpvPwKDcuJpAiSbx1Z7dRdmS17EgvMu5o4u8UvNkR"
    "2KRcAyOxx+/eFQjFslqZsVhxLaWLig+mnDK6ElFcVok6KqYqLZu0nq2OxiWVV6TKxrNSP5"
    "X6WVn185YN79ve+ehgUQMEbX12bpn6g0wLjV7O1UWpqKjpvGZBlVS0SgXnzpyLk015uCE4"
    "wcdrkOmJyF6ygmAbGHgRqJO/UPA9dtfvL9P66A7uMcZj3PFl5qzyDD7ylsTxQsAmT1TsWo"
    "NeQxYbyEKPBdC2zUem/DKFeM4+DVHz5Seh55qY8qNb2TXDGGNWMgfu4jX4Lm6pOTObuNOZ"
    "OJv1O1eVea43lxMaJ0tw482Vw3/2wb1N5qI554mwOi4boPwg5tXnNMbeBMePXyYAszqWyQ"
    "9I0iH2zmMWry9Yj4ZJIWuVPS1P4sgbne9VB/chV6p4MVXch0sMyTKqeFJOqeLFVPFwkis4"
    "nkOB/anhR5UezJGJIZyWy1jpcSkFa8rTnlo7SsWM5OJFokbpybhiMY0dx4z8SbXsTuiE2M"
    "/N+FVRop8kSpSyKg9pBPU8NbyVaQYFFYoYQoFOX8wUGniGBzM3xMT7yp94Q8tAZpEEF78z"
    "jd5dMPvStwn48E5bQru5hfLKV8sU8Dus9PKTlNv2+lOFxMgFVx/ILfkp0nRH5tXKVpkSci"
    "p7WwFlaY4g9uzP0nCnRRXihShNSJ5QIieKhDKySaggEi9xiAMtLcsncGZOM5FNSjYJ3v87"
    "Pn779sPx0dv3H9+dfPjw7uPRCuf0pTzAz3qfOeYxrTSrE3J9Cc/3xMGcCg3sjoWWOdNk79"
    "tMiKm9mxvs3bSY8bVA9j2x5yLt0hrdkdOE6poNukbwoExxdMY6R0tmiDfQe7/98yWD2Nma"
    "Ryy5jXYu1cSZVIj0oXYxP9Oj9ThhqZp41nWLaPeH8ENmbBCNXG3neTjRql7hDE+P0DINkY"
    "QpFD71WAeGxzEwHcqzLv1CAXV1nWnhbYA5pwI8zRBmV8ETpMDEoiFZmqcd3GED32ZVDnir"
    "qtvt2RQKOWQHfYbmsDTtOCHWQGVp+/mffMwyVdScY6STgk2ypbfmOVrY5NE0ZOTJXPr8Sq"
    "aBg3j7Gr9YwMogvBJoILzHhc7IOs45I+s4fUYWG5LzhbOOJZuWbCDm2x/SbLHkz5sCOtuT"
    "E0oox80Gjht/vDrkAZViq6Xk1HIoo6x5Z1jzTAWlEZbKKpQlKHNGOtaX2rxcEom4mEofUS"
    "TWaiNIS/GEQwE1dCVD10ZOydh1REIhKkGUwkckcVNkKxIrgY30iGp69famRih+a/YAV/zW"
    "oh73AUYjwn5s1d9eSQ/iuu52eWqPLXnQh8LH1cr1o/t12sW86ZrnNitBGfYNZ76dEQZn5z"
    "nQniKnzfcZ8rkHeM/wCdhoyiZnxPFmlfkjAzhlmPJNh5SV+G3JicO7upH0PL/ARxu4BdSR"
    "fodkFJd1tCsPewkPe3nXuvKp52u0f9DVRFpGr02IKS/ZRvSm8DFTXTBi610WrSkmttb8UR"
    "/DYtT9bZSP/Ep57Q+uPwfVk92hDAtlWBxw41yHqXn6TKYE+1dyVV8Y1lH5xeu14Gbri2uE"
    "AZsd/9tJCgr+UZVA2K/eQHTfFIpov8mJaL9JR7TVkVN7VR4Pupj99T8dq3TT"
)
