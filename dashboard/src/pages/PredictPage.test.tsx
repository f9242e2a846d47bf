import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { mockApi, problem } from "../test/api";
import { prediction } from "../test/delivery";
import PredictPage from "./PredictPage";

beforeEach(() => sessionStorage.setItem("pulsetrack.apiKey", "pt_test"));

const sentBody = (calls: { init?: RequestInit }[]) => JSON.parse(String(calls.at(-1)!.init!.body));

describe("the predict page", () => {
  it("sends the form's notification and shows probability, priority, retry schedule and model", async () => {
    const calls = mockApi({ "POST /predict": { body: prediction({ fallback: "sms" }) } });
    render(<PredictPage rest={[]} />);

    await userEvent.selectOptions(screen.getByLabelText("Channel"), "push");
    await userEvent.clear(screen.getByLabelText("Payload size"));
    await userEvent.type(screen.getByLabelText("Payload size"), "900");
    await userEvent.click(screen.getByRole("button", { name: "Predict" }));

    const shown = await screen.findByTestId("prediction");
    expect(sentBody(calls)).toMatchObject({ channel: "push", provider: "fcm", payload_size: 900, previous_attempts: 0, recipient_country: "NG" });
    expect(sentBody(calls)).not.toHaveProperty("send_time");
    expect(within(shown).getByText("81.2 %")).toBeInTheDocument();
    expect(within(shown).getByText("high")).toBeInTheDocument();
    expect(within(shown).getByText("v2")).toBeInTheDocument();
    expect(within(shown).getByText("after 30 s, should this attempt fail")).toBeInTheDocument();
    // Should attempts 2, 3 and 4 fail too, the channel's backoff waits 90 s, 4.5 min, 13.5 min.
    expect(within(shown).getByText("90 s → 4.5 min → 13.5 min")).toBeInTheDocument();
    expect(within(shown).getByText("4 h")).toBeInTheDocument();
    expect(within(shown).getByText("sms")).toBeInTheDocument();
  });

  it("shows the API's field errors next to their fields", async () => {
    mockApi({
      "POST /predict": problem(422, "2 fields are not valid", [
        { field: "recipient_country", message: "String should match pattern '^[A-Z]{2}$'" },
        { field: "payload_size", message: "Input should be greater than or equal to 0" },
      ]),
    });
    render(<PredictPage rest={[]} />);

    await userEvent.clear(screen.getByLabelText("Recipient country"));
    await userEvent.type(screen.getByLabelText("Recipient country"), "usa");
    await userEvent.click(screen.getByRole("button", { name: "Predict" }));

    expect(await screen.findByText("String should match pattern '^[A-Z]{2}$'")).toHaveAttribute("id", "predict-recipient_country-error");
    expect(screen.getByLabelText("Recipient country")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Input should be greater than or equal to 0")).toHaveAttribute("id", "predict-payload_size-error");
    expect(screen.queryByTestId("prediction")).toBeNull();
  });

  it("takes a pasted JSON payload and shows its errors by field path next to the box", async () => {
    const calls = mockApi({
      "POST /predict": problem(422, "not valid", [{ field: "previous_attempts", message: "Input should be less than or equal to 100" }]),
    });
    render(<PredictPage rest={[]} />);
    await userEvent.click(screen.getByRole("button", { name: "JSON" }));
    const box = screen.getByLabelText(/^Payload \(/);
    expect(JSON.parse((box as HTMLTextAreaElement).value)).toMatchObject({ channel: "sms", provider: "twilio" });

    fireEvent.change(box, { target: { value: "{not json" } });
    await userEvent.click(screen.getByRole("button", { name: "Predict" }));
    expect(await screen.findByText(/^not JSON/)).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    fireEvent.change(box, { target: { value: JSON.stringify({ channel: "sms", provider: "twilio", previous_attempts: 500 }) } });
    await userEvent.click(screen.getByRole("button", { name: "Predict" }));

    const errors = await screen.findByText("previous_attempts");
    expect(errors.closest("#predict-json-error")).not.toBeNull();
    expect(screen.getByText(/less than or equal to 100/)).toBeInTheDocument();
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(sentBody(calls)).toEqual({ channel: "sms", provider: "twilio", previous_attempts: 500 });
  });

  it("reads an uploaded JSON file into the box and predicts it", async () => {
    mockApi({ "POST /predict": { body: prediction({ retry: { ...prediction().retry, next_delay_s: null }, reason: "response code 550 is a permanent failure" }) } });
    render(<PredictPage rest={[]} />);
    await userEvent.click(screen.getByRole("button", { name: "JSON" }));

    const payload = { channel: "email", provider: "ses", recipient_country: "DE", template_type: "alert", payload_size: 10, previous_attempts: 1, response_code: 550 };
    const file = new File([JSON.stringify(payload)], "n.json", { type: "application/json" });
    await userEvent.upload(screen.getByLabelText("Upload JSON"), file);
    expect(await screen.findByDisplayValue(/"provider":"ses"/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Predict" }));

    const shown = await screen.findByTestId("prediction");
    expect(within(shown).getByText("delivered on attempt 2")).toBeInTheDocument();
    expect(within(shown).getByText("Next retry").nextElementSibling).toHaveTextContent(/^none$/);
    expect(within(shown).getByText("response code 550 is a permanent failure")).toBeInTheDocument();
  });

  it("says so when the API cannot predict", async () => {
    mockApi({ "POST /predict": problem(503, "the database is unreachable; retry later") });
    render(<PredictPage rest={[]} />);
    await userEvent.click(screen.getByRole("button", { name: "Predict" }));
    expect(await screen.findByText("the database is unreachable; retry later")).toBeInTheDocument();
  });
});
