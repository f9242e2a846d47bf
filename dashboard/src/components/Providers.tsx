import type { ExtractionProvider } from "../extraction";
import type { Loaded } from "../hooks";

/** The extraction providers configured on this server (GET /extraction-providers). */
export type Providers = Loaded<{ items: ExtractionProvider[] }>;

export const NO_PROVIDERS =
  "No provider is configured on this server: set PULSETRACK_LLM_OPENAI_API_KEY or PULSETRACK_LLM_GEMINI_API_KEY, or install the local model (make install-local-model).";

export function ProviderOptions({ providers }: { providers: ExtractionProvider[] }) {
  return (
    <>
      {providers.map((provider) => (
        <option key={provider.name} value={provider.name}>
          {provider.name} ({provider.model})
        </option>
      ))}
    </>
  );
}
