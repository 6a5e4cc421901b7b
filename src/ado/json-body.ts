import { isRecord } from "../util/records.js";

/** How a response body read. The service may prefix JSON with a UTF-8 byte order mark. */
export type ParsedBody = { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "text"; text: string; looksLikeJson: boolean };

const TEXT_KEPT_IN_ERRORS = 2_000;

export function parseBody(text: string, contentType: string | undefined): ParsedBody {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (content.trim() === "") return { kind: "empty" };
  const declaredJson = contentType === undefined || /\bjson\b/i.test(contentType);
  const first = content.trimStart()[0];
  const looksLikeJson = first === "{" || first === "[";
  if (declaredJson || looksLikeJson) {
    try {
      return { kind: "json", value: JSON.parse(content) };
    } catch {
      // fall through: reported as text
    }
  }
  return { kind: "text", text: content, looksLikeJson: declaredJson && looksLikeJson };
}

/** The body as kept in an error: JSON as parsed, text shortened. */
export function bodyForError(body: ParsedBody): unknown {
  if (body.kind === "json") return body.value;
  if (body.kind === "text") return body.text.length > TEXT_KEPT_IN_ERRORS ? `${body.text.slice(0, TEXT_KEPT_IN_ERRORS)}…` : body.text;
  return undefined;
}

/** `{count, value: [...]}` -> `[...]`; a bare array is accepted too. Undefined for anything else. */
export function unwrapList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.value)) return value.value;
  return undefined;
}

/** The service's own `message` and `typeKey`, from `{message, typeKey}` or `{value: {message}}`. */
export function serviceErrorOf(body: ParsedBody): { message?: string; typeKey?: string } {
  if (body.kind === "text") {
    const line = body.text.trim().split(/\r?\n/)[0] ?? "";
    return line !== "" && !line.startsWith("<") ? { message: line.slice(0, 500) } : {};
  }
  if (body.kind !== "json" || !isRecord(body.value)) return {};
  const source = isRecord(body.value.value) && body.value.message === undefined ? body.value.value : body.value;
  const message = typeof source.message === "string" ? source.message : undefined;
  const typeKey = typeof source.typeKey === "string" ? source.typeKey : undefined;
  return { ...(message !== undefined ? { message } : {}), ...(typeKey !== undefined ? { typeKey } : {}) };
}
