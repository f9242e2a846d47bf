"""Every request in the PulseTrack collection, in the order a run sends them.

A run creates its own user (with a unique email), uses it everywhere, and deletes it at the end;
deleting the user deletes its health data too, orders are deleted first (they are kept as business
records, so a user with orders cannot be deleted).
"""

from typing import Any

from docs.postman.collection import Folder, Step, Var, ids_include, location_is
from docs.postman.records import ENTITIES, HEALTH_METRICS, JOB_ID, USER_ID, entity_folder

NOT_A_RECORD = "2147483647"  # the largest id PostgreSQL's INTEGER holds; never reached here
NOT_A_JOB = "00000000-0000-4000-8000-000000000000"
TERMINAL = '["succeeded", "failed", "cancelled"].includes(body.status)'

# --- Probes and authentication ----------------------------------------------------------------

PROBES = Folder(
    "Probes",
    "Liveness and readiness; the only endpoints that need no API key.",
    [
        Step(
            "Liveness",
            "GET",
            "/healthz",
            200,
            auth="none",
            description="The process is up.",
            expect={"status": "ok"},
        ),
        Step(
            "Readiness",
            "GET",
            "/readyz",
            200,
            auth="none",
            description="The database and the broker both answer; 503 otherwise.",
            expect={"status": "ready", "database": "ok", "broker": "ok"},
        ),
    ],
)

BEARER_CHALLENGE = (
    'pm.test("challenges for a bearer token", () => '
    'pm.expect(pm.response.headers.get("WWW-Authenticate")).to.equal("Bearer"));'
)
AUTHENTICATION = Folder(
    "Authentication errors",
    "Every other endpoint needs `Authorization: Bearer <API key>`; without a valid one it is 401.",
    [
        Step(
            "List users without an API key",
            "GET",
            "/users",
            401,
            auth="none",
            tests=(BEARER_CHALLENGE,),
        ),
        Step(
            "List users with a wrong API key",
            "GET",
            "/users",
            401,
            auth="wrong",
            tests=(BEARER_CHALLENGE,),
        ),
    ],
)

# --- Users ------------------------------------------------------------------------------------

ADA = {
    "name": "Ada Lovelace",
    "email": "ada.lovelace+{{$randomUUID}}@example.com",
    "birth_date": "1985-12-10",
    "sex": "female",
    "height_cm": 168.0,
    "medical_conditions": ["asthma"],
}
ADA_REPLACED = {
    "name": "Ada King",
    "email": "{{userEmail}}",
    "birth_date": "1985-12-10",
    "sex": "female",
    "height_cm": 170.5,
    "medical_conditions": [],
}


def _stored(user: dict[str, Any]) -> dict[str, Any]:
    """A user as sent, less its email: that is a Postman template, not what the API returns."""
    return {key: value for key, value in user.items() if key != "email"}


ADA_EXPECTED = _stored(ADA)
ADA_REPLACED_EXPECTED = _stored(ADA_REPLACED)

USERS = Folder(
    "Users",
    "People whose data PulseTrack stores. Emails are unique regardless of case.",
    [
        Step(
            "Create a user",
            "POST",
            "/users",
            201,
            body=ADA,
            description="A unique email per run: `{{$randomUUID}}` in it.",
            prerequest=(
                "// List filters below start from here (a minute back, for clock differences).",
                'pm.collectionVariables.set("runStartedAt", '
                "new Date(Date.now() - 60000).toISOString());",
            ),
            expect=ADA_EXPECTED,
            save={"userId": "id", "userEmail": "email"},
            tests=(location_is("/users/"),),
        ),
        Step(
            "Create a user with an email already taken",
            "POST",
            "/users",
            409,
            body={"name": "Ada Again", "email": "{{shoutedEmail}}"},
            description="The same email in capitals: 409 naming `email`.",
            prerequest=(
                'pm.variables.set("shoutedEmail", '
                'pm.collectionVariables.get("userEmail").toUpperCase());',
            ),
            problem_fields=("email",),
        ),
        Step(
            "Create a user with invalid fields",
            "POST",
            "/users",
            422,
            body={"name": "", "email": "not-an-email", "height_cm": 420},
            description="422 naming each bad field.",
            problem_fields=("name", "email", "height_cm"),
        ),
        Step(
            "Get a user",
            "GET",
            "/users/{{userId}}",
            200,
            expect={**ADA_EXPECTED, "id": USER_ID, "email": Var("userEmail")},
        ),
        Step(
            "List users created since the run started",
            "GET",
            "/users?from={{runStartedAt}}&sort=-created_at&limit=50",
            200,
            description="Filters: `from`/`to` on `created_at`; `sort` by created_at, name, email "
            "or id (`-` for descending); `limit` and `cursor` page through.",
            tests=(ids_include("userId"),),
        ),
        Step(
            "Replace a user",
            "PUT",
            "/users/{{userId}}",
            200,
            body=ADA_REPLACED,
            description="PUT sends every field; one left out takes its default.",
            expect={**ADA_REPLACED_EXPECTED, "id": USER_ID},
        ),
        Step(
            "Patch a user",
            "PATCH",
            "/users/{{userId}}",
            200,
            body={"medical_conditions": ["asthma", "hypertension"]},
            description="PATCH sends only what changes.",
            expect={**ADA_REPLACED_EXPECTED, "medical_conditions": ["asthma", "hypertension"]},
        ),
        Step("Get a user that does not exist", "GET", f"/users/{NOT_A_RECORD}", 404),
    ],
)

# --- Jobs -------------------------------------------------------------------------------------

ECHO_PARAMS = {"message": "hello from Postman", "sleep_s": 0.2, "steps": 2}
ECHO = {"kind": "system.echo", "params": ECHO_PARAMS, "webhook_url": "{{webhookUrl}}"}
# As the job stores them: with the defaults filled in.
ECHO_PARAMS_STORED = {**ECHO_PARAMS, "fail": False, "crash_first_deliveries": 0}
WEBHOOK_ONLY_IF_SET = (
    "// Ask for a webhook only when the run names a receiver (the webhookUrl variable).",
    "const submission = JSON.parse(pm.request.body.raw);",
    'if (!pm.variables.get("webhookUrl")) {',
    "    delete submission.webhook_url;",
    "}",
    'pm.request.body.update({ mode: "raw", raw: JSON.stringify(submission, null, 2) });',
)
RETRY_AFTER = (
    'pm.test("asks to poll after a second", () => '
    'pm.expect(pm.response.headers.get("Retry-After")).to.equal("1"));'
)
DELIVERIES = (
    'const webhookUrl = pm.variables.get("webhookUrl");',
    'pm.test("has the job\'s webhook events", () => {',
    "    if (webhookUrl) {",
    '        pm.expect(body.items[0]).to.include({ type: "job.succeeded", url: webhookUrl });',
    "    } else {",
    "        pm.expect(body.items).to.eql([]);",
    "    }",
    "});",
)
EXACTLY_ONCE = {"kind": "system.echo", "params": {"message": "exactly once"}}
IDEMPOTENCY_KEY = {"Idempotency-Key": "{{idempotencyKey}}"}
SLOW_ECHO = {"kind": "system.echo", "params": {"message": "cancel me", "sleep_s": 30, "steps": 30}}
FAN_OUT = {"kind": "system.fan_out", "params": {"message": "four parts", "parts": 4}}
ALL_PARTS_SUCCEEDED = (
    'pm.test("lists the four parts in order, all succeeded", () => {',
    "    pm.expect(body.items.map((p) => p.index)).to.eql([0, 1, 2, 3]);",
    '    body.items.forEach((p) => pm.expect(p.status).to.equal("succeeded"));',
    "});",
)

JOBS = Folder(
    "Jobs",
    "Submit work, poll it until it finishes, list it, cancel it, see its webhook deliveries. "
    "Needs a worker running (`pulsetrack run` starts one).",
    [
        Step(
            "Submit a job",
            "POST",
            "/jobs",
            202,
            body=ECHO,
            description="202 with a `Location` to poll. `webhook_url` is optional; it is left "
            "out when the `webhookUrl` variable is empty.",
            prerequest=WEBHOOK_ONLY_IF_SET,
            expect={"kind": "system.echo", "status": "queued", "params": ECHO_PARAMS_STORED},
            save={"jobId": "id"},
            tests=(location_is("/jobs/"), RETRY_AFTER),
        ),
        Step(
            "Submit a job with an Idempotency-Key",
            "POST",
            "/jobs",
            202,
            body=EXACTLY_ONCE,
            headers=IDEMPOTENCY_KEY,
            prerequest=(
                'pm.collectionVariables.set("idempotencyKey", '
                'pm.variables.replaceIn("{{$randomUUID}}"));',
            ),
            save={"idempotentJobId": "id"},
        ),
        Step(
            "Resubmit it with the same Idempotency-Key",
            "POST",
            "/jobs",
            202,
            body=EXACTLY_ONCE,
            headers=IDEMPOTENCY_KEY,
            description="The same key and body return the original job instead of a new one.",
            expect={"id": Var("idempotentJobId")},
        ),
        Step(
            "Submit a job of an unknown kind",
            "POST",
            "/jobs",
            422,
            body={"kind": "system.no_such_kind", "params": {}},
            problem_fields=("kind",),
        ),
        Step(
            "Poll the job until it finishes",
            "GET",
            "/jobs/{{jobId}}",
            200,
            description="`Retry-After` is set until the status is terminal; this request repeats "
            "itself until then.",
            poll_until=TERMINAL,
            expect={
                "id": JOB_ID,
                "status": "succeeded",
                "result": {"message": "hello from Postman", "attempt": 1},
                "progress": {"fraction": 1.0, "message": "step 2 of 2"},
                "error": None,
            },
        ),
        Step(
            "List succeeded echo jobs",
            "GET",
            "/jobs?kind=system.echo&status=succeeded&limit=50",
            200,
            description="Newest first; also `created_after`, `created_before` and `cursor`.",
            tests=(ids_include("jobId"),),
        ),
        Step(
            "List the job's webhook deliveries",
            "GET",
            "/jobs/{{jobId}}/webhook-deliveries",
            200,
            description="Each webhook event for the job, with every delivery attempt.",
            tests=DELIVERIES,
        ),
        Step(
            "Cancel a job that has finished",
            "POST",
            "/jobs/{{jobId}}/cancel",
            409,
        ),
        Step(
            "Submit a slow job",
            "POST",
            "/jobs",
            202,
            body=SLOW_ECHO,
            save={"slowJobId": "id"},
        ),
        Step(
            "Cancel the slow job",
            "POST",
            "/jobs/{{slowJobId}}/cancel",
            202,
            description="A queued job is cancelled at once; a running one is asked to stop at its "
            "next checkpoint (`cancel_requested`).",
            tests=(
                'pm.test("is cancelled or asked to stop", () => pm.expect(body.status === '
                '"cancelled" || body.cancel_requested).to.be.true);',
            ),
        ),
        Step(
            "Poll the slow job until it stops",
            "GET",
            "/jobs/{{slowJobId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "cancelled"},
        ),
        Step(
            "Submit a job that fans out",
            "POST",
            "/jobs",
            202,
            body=FAN_OUT,
            description="`system.fan_out` splits into `parts` parts, each its own message, run by "
            "any worker; the job finishes once the last part has.",
            save={"fanOutJobId": "id"},
        ),
        Step(
            "Poll the fan-out job until it finishes",
            "GET",
            "/jobs/{{fanOutJobId}}",
            200,
            description="`parts` counts them; `progress` is the share of parts done.",
            poll_until=TERMINAL,
            expect={
                "status": "succeeded",
                "parts": {"total": 4, "done": 4, "failed": 0},
                "result": {"message": "four parts", "parts": 4},
            },
        ),
        Step(
            "List the fan-out job's parts",
            "GET",
            "/jobs/{{fanOutJobId}}/parts",
            200,
            description="In order, each with its status, result or error; `?status=failed` "
            "shows what went wrong, `after` and `limit` page through.",
            tests=ALL_PARTS_SUCCEEDED,
        ),
        Step("Get a job that does not exist", "GET", f"/jobs/{NOT_A_JOB}", 404),
    ],
)
# --- Health scores ----------------------------------------------------------------------------

HEALTH = Folder(
    "Health scores",
    "A user's health score (activity, sleep, glycaemia, cardiovascular, body: "
    "docs/health-score.md), computed by a job and kept as a report, and the population's.",
    [
        Step(
            "Score the user",
            "POST",
            "/users/{{userId}}/health-score",
            202,
            description="A `health.score_user` job; it reads the user's last 30 days.",
            expect={"kind": "health.score_user"},
            save={"healthJobId": "id"},
        ),
        Step(
            "Poll the scoring job until it finishes",
            "GET",
            "/jobs/{{healthJobId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "succeeded"},
        ),
        Step(
            "Get the user's latest health score",
            "GET",
            "/users/{{userId}}/health-score",
            200,
            description="`status` is `scored` (score, band, percentile, components, factors) or "
            "`insufficient_data` naming what is missing. `?computed_before=` for history.",
            expect={"user_id": USER_ID, "job_id": Var("healthJobId")},
        ),
        Step(
            "Get it by seed 001's deprecated name",
            "GET",
            "/get_health_score?user_id={{userId}}",
            200,
            expect={"user_id": USER_ID, "job_id": Var("healthJobId")},
        ),
        Step(
            "Score the whole population",
            "POST",
            "/health-scores/recompute",
            202,
            description="One `health.score_population` job of parts; beat runs it nightly.",
            save={"populationJobId": "id"},
        ),
        Step(
            "Poll the population job until it finishes",
            "GET",
            "/jobs/{{populationJobId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "succeeded"},
        ),
        Step(
            "Get the population's distribution",
            "GET",
            "/health-scores",
            200,
            expect={"job_id": Var("populationJobId")},
        ),
    ],
)

# --- Search clicks and insights ---------------------------------------------------------------

SEARCH_DAY = "2025-03-10"
CLICK = {
    "search_query": "postman knee brace",
    "clicks": 7,
    "impressions": 70,
    "search_date": SEARCH_DAY,
}
CLICK_BATCH = {
    "items": [
        {
            "search_query": "postman yoga mat",
            "clicks": 30,
            "impressions": 300,
            "search_date": SEARCH_DAY,
        },
        {
            "search_query": "postman sleep mask",
            "clicks": 2,
            "impressions": 500,
            "search_date": SEARCH_DAY,
        },
        {
            "search_query": "postman thermometer",
            "clicks": 0,
            "impressions": 0,
            "search_date": SEARCH_DAY,
        },
    ]
}
CLICKS_CSV = (
    "search_query,clicks,impressions,search_date\n"
    f"postman heating pad,12,90,{SEARCH_DAY}\n"
    f"postman ice pack,1,40,{SEARCH_DAY}\n"
)
BACKFILL = {"first_day": "2025-03-08", "last_day": "2025-03-14"}

SEARCH = Folder(
    "Search clicks and insights",
    "Search logs (seed 002's `search_clicks`) one by one, in bulk or as CSV, and the daily "
    "insights computed from them by a job (seed 002's `search_insights`; beat runs it nightly).",
    [
        Step(
            "Store a search click row",
            "POST",
            "/search-clicks",
            201,
            body=CLICK,
            description="`click_through_rate` is derived from the counts by the database.",
            expect={**CLICK, "click_through_rate": 0.1},
            save={"searchClickId": "id"},
            tests=(location_is("/search-clicks/"),),
        ),
        Step(
            "Store a row with more clicks than impressions",
            "POST",
            "/search-clicks",
            422,
            body={**CLICK, "clicks": 90},
            problem_fields=("body",),
        ),
        Step(
            "Get the search click row",
            "GET",
            "/search-clicks/{{searchClickId}}",
            200,
            expect={"id": Var("searchClickId"), "click_through_rate": 0.1},
        ),
        Step(
            "Replace the search click row",
            "PUT",
            "/search-clicks/{{searchClickId}}",
            200,
            body={**CLICK, "clicks": 14},
            expect={"clicks": 14, "click_through_rate": 0.2},
        ),
        Step(
            "Patch the search click row",
            "PATCH",
            "/search-clicks/{{searchClickId}}",
            200,
            body={"impressions": 140},
            expect={"clicks": 14, "impressions": 140, "click_through_rate": 0.1},
        ),
        Step(
            "Store search clicks in bulk",
            "POST",
            "/search-clicks/bulk",
            201,
            body=CLICK_BATCH,
            description="Up to 10,000 rows: all stored, or none and a 422 naming each bad row "
            "(`items.3.clicks`).",
            expect={"created": 3},
        ),
        Step(
            "Upload search clicks as CSV",
            "POST",
            "/search-clicks/csv",
            201,
            body=CLICKS_CSV,
            headers={"Content-Type": "text/csv"},
            description="The CSV as the body (or a multipart `file`); bad lines are named "
            "(`line 3.clicks`) and nothing is stored.",
            expect={"created": 2},
        ),
        Step(
            "List a day's search clicks by clicks",
            "GET",
            f"/search-clicks?from={SEARCH_DAY}&to=2025-03-11&sort=-clicks&limit=100",
            200,
            tests=(ids_include("searchClickId"),),
        ),
        Step(
            "Compute a day's insights",
            "POST",
            f"/search-insights/{SEARCH_DAY}/run",
            202,
            description="A `search.compute_insights` job; running a day again replaces its row.",
            expect={"kind": "search.compute_insights", "params": {"day": SEARCH_DAY}},
            save={"insightJobId": "id"},
        ),
        Step(
            "Poll the insight job until it finishes",
            "GET",
            "/jobs/{{insightJobId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "succeeded"},
        ),
        Step(
            "Get the day's insights",
            "GET",
            f"/search-insights/{SEARCH_DAY}",
            200,
            description="Impression-weighted `average_ctr`, `mean_query_ctr`, the top queries "
            "(Wilson lower bound, minimum impressions) and the low performers.",
            expect={"insight_date": SEARCH_DAY, "job_id": Var("insightJobId")},
        ),
        Step(
            "List the insights of a period",
            "GET",
            "/search-insights?from=2025-03-09&to=2025-03-11",
            200,
        ),
        Step(
            "Top queries over a period",
            "GET",
            "/search-insights/top-queries?from=2025-03-01&to=2025-03-31&min_impressions=50&limit=5",
            200,
            expect={"min_impressions": 50},
        ),
        Step(
            "Backfill a week of insights",
            "POST",
            "/search-insights/backfill",
            202,
            body=BACKFILL,
            description="One job of seven parts, one per day.",
            save={"backfillJobId": "id"},
        ),
        Step(
            "Poll the backfill until it finishes",
            "GET",
            "/jobs/{{backfillJobId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "succeeded", "parts": {"total": 7, "done": 7, "failed": 0}},
        ),
        Step("Get the insights of a day never computed", "GET", "/search-insights/2001-01-01", 404),
        Step("Delete the search click row", "DELETE", "/search-clicks/{{searchClickId}}", 204),
    ],
)

# --- Delivery prediction ----------------------------------------------------------------------

SMS_NOTIFICATION = {
    "channel": "sms",
    "provider": "twilio",
    "recipient_country": "NG",
    "template_type": "otp",
    "payload_size": 140,
    "business_priority": "high",
}
NOTIFICATIONS_CSV = (
    "channel,provider,recipient_country,template_type,payload_size,business_priority\n"
    "email,ses,DE,transactional,24000,normal\n"
    "push,fcm,JP,alert,600,high\n"
)

DELIVERY = Folder(
    "Delivery prediction",
    "Seed 003: the probability that a notification's next attempt delivers, the priority and "
    "retry strategy the policy makes of it, stored notifications predicted in bulk by a job, and "
    "the model registry (metrics, retraining, rollback). See docs/delivery.md.",
    [
        Step(
            "Predict a notification's delivery",
            "POST",
            "/predict",
            200,
            body={
                **SMS_NOTIFICATION,
                "send_time": "2026-11-02T10:00:00Z",
                "previous_attempts": 1,
                "last_status": "timeout",
                "response_code": 504,
                "latency_ms": 10000,
            },
            description="In process, on the active model: the probability, its priority class "
            "(queue), retry schedule, fallback channel and the model version.",
            expect={"policy_version": "v2"},
            tests=(
                'pm.test("a probability", () => pm.expect(body.probability).to.be.within(0, 1));',
            ),
        ),
        Step(
            "Predict after a permanent failure",
            "POST",
            "/predict",
            200,
            body={
                **SMS_NOTIFICATION,
                "previous_attempts": 1,
                "last_status": "rejected",
                "response_code": 21211,
            },
            description="An invalid phone number (21211) is never retried, whatever the model "
            "says.",
            tests=('pm.test("no retry", () => pm.expect(body.retry.next_delay_s).to.be.null);',),
        ),
        Step(
            "Predict with a provider that does not send the channel",
            "POST",
            "/predict",
            422,
            body={**SMS_NOTIFICATION, "provider": "fcm", "payload_size": -1},
            problem_fields=("payload_size",),
        ),
        Step(
            "Store a notification",
            "POST",
            "/notifications",
            201,
            body=SMS_NOTIFICATION,
            expect={"created": 1},
            save={"firstNotificationId": "first_id"},
        ),
        Step(
            "Store notifications in bulk",
            "POST",
            "/notifications",
            201,
            body={"items": [SMS_NOTIFICATION, {**SMS_NOTIFICATION, "recipient_country": "US"}]},
            description="Up to 10,000 at once: all stored, or none and a 422 naming each bad one "
            '(`many.items.1.payload_size`). `"schedule": true` has the workers deliver them.',
            expect={"created": 2},
        ),
        Step(
            "Upload notifications as CSV",
            "POST",
            "/notifications/csv",
            201,
            body=NOTIFICATIONS_CSV,
            headers={"Content-Type": "text/csv"},
            description="The CSV as the body (or a multipart `file`); bad lines are named and "
            "nothing is stored. `data/delivery/sample/notifications.csv` uploads as it is.",
            expect={"created": 2},
            save={"lastNotificationId": "last_id"},
        ),
        Step(
            "Predict the stored notifications",
            "POST",
            "/notifications/predictions",
            202,
            body={"first_id": Var("firstNotificationId"), "last_id": Var("lastNotificationId")},
            description="A `delivery.predict_batch` job over a selection (send-time range, status "
            "or id range), in parts of thousands; each part's predictions are written with COPY "
            "in its commit.",
            expect={"kind": "delivery.predict_batch"},
            save={"predictionJobId": "id"},
        ),
        Step(
            "Poll the prediction job until it finishes",
            "GET",
            "/jobs/{{predictionJobId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "succeeded"},
            tests=('pm.test("predicted all", () => pm.expect(body.result.predicted).to.eql(5));',),
        ),
        Step(
            "List the stored predictions with their outcomes",
            "GET",
            "/predictions?job_id={{predictionJobId}}&limit=5",
            200,
            description="Newest first, each with the attempt it predicted once that was made "
            "(`outcome`); filter by channel, provider, priority_class, model_version, job_id, "
            "outcome (known, unknown, delivered, failed) and from/to; paged with `cursor`.",
            tests=('pm.test("five listed", () => pm.expect(body.items.length).to.eql(5));',),
        ),
        Step(
            "The active model's metrics",
            "GET",
            "/metrics",
            200,
            description="Seed 003's metrics: precision, recall, ROC-AUC, PR-AUC, Brier score and "
            "the reliability curve on the holdout, the version, and the latest live report.",
            save={"activeModelVersion": "model_version"},
        ),
        Step(
            "The active model's fairness per segment",
            "GET",
            "/metrics/fairness",
            200,
            description="Precision, recall, ROC-AUC and calibration gap per recipient country, "
            "provider and channel, on the holdout and live, with the alert thresholds.",
        ),
        Step(
            "List the model versions",
            "GET",
            "/models",
            200,
            save={"oldestModelVersion": "items[body.items.length - 1].version"},
        ),
        Step(
            "Roll back to the oldest model",
            "POST",
            "/models/{{oldestModelVersion}}/activate",
            200,
            expect={"is_active": True},
        ),
        Step(
            "Activate the model that was active again",
            "POST",
            "/models/{{activeModelVersion}}/activate",
            200,
            expect={"is_active": True},
        ),
        Step("Activate a model that does not exist", "POST", "/models/999999/activate", 404),
        Step(
            "Retrain on the stored logs",
            "POST",
            "/train",
            202,
            body={"days": 30},
            description="A `delivery.train` job; it ends `failed` (`too_few_outcomes`) until the "
            "stored logs hold 1,000 attempts (`pulsetrack seed-delivery` writes some).",
            expect={"kind": "delivery.train"},
        ),
    ],
)

# --- LLM extraction ---------------------------------------------------------------------------

GENERIC_SCHEMA = {
    "type": "object",
    "properties": {
        "field_1": {"type": "string", "description": "What the text is about."},
        "field_2": {"type": ["number", "null"], "minimum": 0},
        "field_3": {"type": "array", "items": {"type": "string"}},
    },
}

LLM = Folder(
    "LLM extraction",
    "Text to JSON validated by Pydantic, through OpenAI, Gemini or the local model (these "
    "requests use `local`, which needs no key), and the comparison report (seed 002, part 2).",
    [
        Step(
            "List the extraction schemas",
            "GET",
            "/extraction-schemas",
            200,
            description="The built-in `meal_log` and `clinical_note`, then every registered one, "
            "each as registered and as strict JSON Schema.",
        ),
        Step(
            "List the providers configured here",
            "GET",
            "/extraction-providers",
            200,
            description="Each provider this server can run, with its model; never a key.",
        ),
        Step(
            "Register a JSON Schema",
            "POST",
            "/extraction-schemas",
            201,
            body={"name": "postman_fields", "json_schema": GENERIC_SCHEMA},
            description="Registering the name again adds a version.",
            expect={"name": "postman_fields", "builtin": False},
            save={"schemaName": "name", "schemaVersion": "version"},
        ),
        Step(
            "Register a schema extraction cannot use",
            "POST",
            "/extraction-schemas",
            422,
            body={
                "name": "postman_bad",
                "json_schema": {"type": "object", "properties": {"d": {"type": "date"}}},
            },
            problem_fields=("json_schema.properties.d",),
        ),
        Step(
            "Get a version of a schema",
            "GET",
            "/extraction-schemas/{{schemaName}}?version={{schemaVersion}}",
            200,
            expect={"name": "postman_fields", "version": Var("schemaVersion")},
        ),
        Step(
            "Extract a meal log with the local model",
            "POST",
            "/extractions",
            202,
            body={
                "text": "Breakfast at 7:30: 2 eggs and a slice of toast",
                "schema": "meal_log",
                "provider": "local",
            },
            description="An `llm.extract` job; `save: {user_id}` would also store it as a meal.",
            expect={"kind": "llm.extract", "status": "queued"},
            save={"extractionId": "id"},
            tests=(location_is("/extractions/"),),
        ),
        Step(
            "Poll the extraction until it finishes",
            "GET",
            "/extractions/{{extractionId}}",
            200,
            poll_until=TERMINAL,
            description="`result` is the validated JSON once `succeeded`; an answer invalid twice "
            "ends `failed` with `invalid_output` and the errors, and stores nothing.",
            expect={"id": Var("extractionId"), "provider": "local"},
        ),
        Step(
            "Extract into a schema that does not exist",
            "POST",
            "/extractions",
            422,
            body={"text": "anything", "schema": "no_such_schema"},
            problem_fields=("schema",),
        ),
        Step(
            "Compare two providers on a gold set",
            "POST",
            "/extraction-comparisons",
            202,
            body={"schema": "meal_log", "providers": ["local", "local-prompt-only"], "limit": 1},
            description="An `llm.compare` job in parts; `limit` takes the first texts only.",
            expect={"kind": "llm.compare"},
            save={"comparisonId": "id"},
        ),
        Step(
            "Poll the comparison until it finishes",
            "GET",
            "/jobs/{{comparisonId}}",
            200,
            poll_until=TERMINAL,
            expect={"status": "succeeded"},
        ),
        Step(
            "Get the comparison report",
            "GET",
            "/extraction-comparisons/{{comparisonId}}",
            200,
            description="Valid-output rate, per-field accuracy, agreement, retries, latency, "
            "tokens and cost, per provider.",
            expect={"schema": "meal_log", "texts": 1},
        ),
        Step(
            "Get the comparison report as Markdown",
            "GET",
            "/extraction-comparisons/{{comparisonId}}/report.md",
            200,
            text=True,
            tests=(
                'pm.test("is Markdown", () => pm.expect(pm.response.text())'
                '.to.include("# Extraction comparison"));',
            ),
        ),
        Step(
            "Extract a batch of texts as one job of parts",
            "POST",
            "/extraction-batches",
            202,
            body={
                "texts": ["Lunch at 12:30: an apple", "Dinner: rice and beans"],
                "schema": "meal_log",
                "provider": "local",
            },
            description="An `llm.extract_batch` job: up to 1,000 texts in parts, each part storing "
            "one outcome per text (its validated JSON, or why not) with its success.",
            expect={"kind": "llm.extract_batch"},
            save={"batchId": "id"},
            tests=(location_is("/extraction-batches/"),),
        ),
        Step(
            "The batch's progress",
            "GET",
            "/extraction-batches/{{batchId}}",
            200,
            description="Texts succeeded and failed so far, progress and tokens.",
            expect={"id": Var("batchId"), "texts": 2},
        ),
        Step(
            "The batch's results, in text order",
            "GET",
            "/extraction-batches/{{batchId}}/results?limit=50",
            200,
            description="One page of outcomes by index (`after` for the next); a text appears "
            "once its part has committed.",
        ),
    ],
)

# --- Clean-up ---------------------------------------------------------------------------------

CLEANUP = Folder(
    "Clean up",
    "Deleting a user deletes their health data; their orders must go first.",
    [
        Step(
            "Delete a user who has orders",
            "DELETE",
            "/users/{{userId}}",
            409,
            tests=('pm.test("says why", () => pm.expect(body.detail).to.include("orders"));',),
        ),
        Step("Delete the user's order", "DELETE", "/orders/{{orderId}}", 204),
        Step("Delete the user", "DELETE", "/users/{{userId}}", 204),
        Step("Get the deleted user", "GET", "/users/{{userId}}", 404),
        Step(
            "Get a health metric of the deleted user",
            "GET",
            "/health-metrics/{{healthMetricId}}",
            404,
            description="The user's health data went with them.",
        ),
        Step(
            "List health metrics of the deleted user",
            "GET",
            "/users/{{userId}}/health-metrics",
            404,
        ),
        Step(
            "Create a health metric for the deleted user",
            "POST",
            "/health-metrics",
            422,
            body={"user_id": USER_ID, **HEALTH_METRICS.first},
            description="A reference to a user who does not exist: 422 naming `user_id`.",
            problem_fields=("user_id",),
        ),
    ],
)

FOLDERS = [
    PROBES,
    AUTHENTICATION,
    USERS,
    JOBS,
    *(entity_folder(entity) for entity in ENTITIES),
    HEALTH,
    SEARCH,
    DELIVERY,
    LLM,
    CLEANUP,
]
