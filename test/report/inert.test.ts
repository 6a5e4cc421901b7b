import { describe, expect, it } from "vitest";
import { codeSpan, htmlText, markdownText, planMarkerLine } from "../../src/report/markdown-escape.js";
import { inert, inertLines, inertText, redactSecretUrls } from "../../src/util/inert.js";

describe("inert", () => {
  it("shows line breaks, tabs and ESC as escapes, other controls as \\u{…}", () => {
    expect(inert("a\nb\rc\td\u001b[2J")).toBe("a\\nb\\rc\\td\\x1b[2J");
    expect(inert("\u0000\u0007\u007f\u0085\u009b")).toBe("\\u{0}\\u{7}\\u{7f}\\u{85}\\u{9b}");
    expect(inert("line\u2028para\u2029")).toBe("line\\u{2028}para\\u{2029}");
    expect(inert("\u202aa\u202eb\u2066c\u2069")).toBe("\\u{202a}a\\u{202e}b\\u{2066}c\\u{2069}");
  });

  it("leaves ordinary text alone, backslashes, colons and Unicode included", () => {
    for (const text of ["website-ci-failed", "C:\\hooks\\a.yaml", "a::b", "Ünïcødé ✓ 日本", "https://hooks.example.com/a?b=c#d"])
      expect(inert(text)).toBe(text);
  });

  it("cannot be read as a CI logging command", () => {
    expect(inert("::error::pwned")).toBe("\\u{3a}:error::pwned");
    expect(inert("  ::warning::x")).toBe("  \\u{3a}:warning::x");
    expect(inert("x ##vso[task.setvariable variable=a]b ##[error]c ##VSO[x]")).toBe(
      "x #\\u{23}vso[task.setvariable variable=a]b #\\u{23}[error]c #\\u{23}VSO[x]",
    );
    expect(inert("a\n::error::pwned")).toBe("a\\n::error::pwned");
  });

  it("is stable when applied twice", () => {
    const once = inert("::a\n##[b]\u001b");
    expect(inert(once)).toBe(once);
  });

  it("escapes each line of a multi-line value on its own", () => {
    expect(inertLines("X-A: 1\r\nX-B: \u001b[31m\n::error::x")).toEqual(["X-A: 1", "X-B: \\x1b[31m", "\\u{3a}:error::x"]);
  });
});

describe("redactSecretUrls", () => {
  it("cuts incoming-webhook addresses and URLs with a password to their host", () => {
    const text = "failed to post to https://hooks.slack.com/services/T000/B000/XXXX: 404; also https://ado:pa55@hooks.example.com/x.";
    expect(redactSecretUrls(text)).toBe("failed to post to https://hooks.slack.com/…: 404; also https://hooks.example.com/….");
    expect(inertText("see https://discord.com/api/webhooks/1/abc\n::error::x")).toBe("see https://discord.com/…\\n::error::x");
  });

  it("keeps ordinary URLs and a password that is only a reference", () => {
    const text = "https://hooks.example.com/ado?x=1 https://ado:${env:PW}@hooks.example.com/";
    expect(redactSecretUrls(text)).toBe(text);
  });
});

describe("Markdown contexts", () => {
  const hostile = "x\n::error::pwned \u001b[2J </details> ``` <b>*hi*</b> | [a](b)";

  it("HTML: no tag, no line break", () => {
    expect(htmlText(hostile)).toBe("x\\n::error::pwned \\x1b[2J &lt;/details&gt; ``` &lt;b&gt;*hi*&lt;/b&gt; | [a](b)");
  });

  it("inline Markdown: no tag, emphasis, link, code span or cell boundary, and no leading block marker", () => {
    expect(markdownText(hostile)).toBe("x\\\\n::error::pwned \\\\x1b\\[2J &lt;/details&gt; \\`\\`\\` &lt;b&gt;\\*hi\\*&lt;/b&gt; \\| \\[a\\](b)");
    expect(markdownText("# head")).toBe("\\# head");
    expect(markdownText("- item")).toBe("\\- item");
    expect(markdownText("12. item")).toBe("12\\. item");
    expect(markdownText("_em_ WEBSITE_HOOK_PASSWORD __init")).toBe("\\_em\\_ WEBSITE_HOOK_PASSWORD \\_\\_init");
  });

  it("code spans outlast any backtick run in the value", () => {
    expect(codeSpan("a``b")).toBe("```a``b```");
    expect(codeSpan("`x")).toBe("`` `x ``");
    expect(codeSpan("a|b", { inTable: true })).toBe("`a\\|b`");
  });

  it("the marker line stays one HTML comment", () => {
    expect(planMarkerLine("a/-->\n::error::x/hookops.yaml")).toBe("<!-- hookops-plan:a/--&gt;\\n::error::x/hookops.yaml -->");
  });
});
