import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { createAjv, loadSchema, schemaDirectory } from "../../src/config/schema.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function yamlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

/** Folders holding a hookops.yaml: example and fixture hooks repositories (not, e.g., CI workflow samples). */
function hooksRepositories(directory: string): string[] {
  if (existsSync(path.join(directory, "hookops.yaml"))) return [directory];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => hooksRepositories(path.join(directory, entry.name)));
}

/** Every committed YAML file of those repositories: what a test or a user reads as hookops configuration. */
const FIXTURES = [...hooksRepositories(path.join(repoRoot, "examples")), ...hooksRepositories(path.join(repoRoot, "test/config/fixtures"))].flatMap(yamlFiles);

function schemaFor(file: string): "hookops" | "subscriptions" {
  return path.basename(file) === "hookops.yaml" ? "hookops" : "subscriptions";
}

/** Every object under a `properties` keyword, with its JSON path. */
function properties(node: unknown, at = "#"): { at: string; schema: Record<string, unknown> }[] {
  if (node === null || typeof node !== "object") return [];
  const found: { at: string; schema: Record<string, unknown> }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && value && typeof value === "object") {
      for (const [name, schema] of Object.entries(value)) found.push({ at: `${at}/properties/${name}`, schema: schema as Record<string, unknown> });
    }
    found.push(...properties(value, `${at}/${key}`));
  }
  return found;
}

describe("committed JSON schemas", () => {
  const ajv = createAjv();
  const validators = { hookops: ajv.compile(loadSchema("hookops")), subscriptions: ajv.compile(loadSchema("subscriptions")) };

  it("are JSON Schema 2020-12 and compile in strict mode", () => {
    expect(schemaDirectory()).toBe(path.join(repoRoot, "schemas"));
    for (const name of ["hookops", "subscriptions"] as const) {
      expect(loadSchema(name).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(typeof validators[name]).toBe("function");
    }
  });

  it("give every property a title and a description for editors", () => {
    for (const name of ["hookops", "subscriptions"] as const) {
      const found = properties(loadSchema(name));
      expect(found.length).toBeGreaterThan(10);
      for (const { at, schema } of found) {
        expect(typeof schema.title, `${name} ${at} title`).toBe("string");
        expect(typeof schema.description, `${name} ${at} description`).toBe("string");
      }
    }
  });

  it("keep defaults in step with the subscription fields", () => {
    const subscription = (loadSchema("subscriptions").$defs as Record<string, { properties: Record<string, unknown> }>).subscription?.properties ?? {};
    const defaults = (loadSchema("hookops").properties as Record<string, { properties: Record<string, unknown> }>).defaults?.properties ?? {};
    const expected = Object.fromEntries(
      Object.entries(subscription).filter(([key]) => !["name", "id", "allowInsecureUrl", "allowUnlistedEvent", "organizationWide"].includes(key)),
    );
    expect(defaults).toEqual(expected);
    expect((loadSchema("hookops").$defs as Record<string, unknown>).inputs).toEqual((loadSchema("subscriptions").$defs as Record<string, unknown>).inputs);
  });

  it("reject unknown keys and wrong types", () => {
    expect(validators.subscriptions({ subscriptions: [{ name: "a", eventtype: "git.push" }] })).toBe(false);
    expect(validators.subscriptions({ subscriptions: [{ name: "a", resourceVersion: 1 }] })).toBe(false);
    expect(validators.hookops({ organisation: "fabrikam" })).toBe(false);
    expect(validators.hookops({ prune: { scope: { createdBy: "someone" } } })).toBe(false);
    expect(validators.hookops({ prune: { scope: { createdBy: ["a"] } }, organization: "fabrikam" })).toBe(true);
  });

  it("find YAML fixtures to check", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(9);
  });

  it.each(FIXTURES.map((file) => [path.relative(repoRoot, file)]))("%s validates against its schema", (relative) => {
    const file = path.join(repoRoot, relative);
    const text = readFileSync(file, "utf8");
    const documents = parseAllDocuments(text);
    expect(Array.isArray(documents) && documents.length > 0).toBe(true);
    for (const document of Array.isArray(documents) ? documents : []) {
      expect(document.errors).toEqual([]);
      const validate = validators[schemaFor(file)];
      const valid = validate(document.toJS());
      expect(valid ? [] : validate.errors).toEqual([]);
    }
    // An editor hint, when present, must point at the matching committed schema.
    const hint = /^# yaml-language-server: \$schema=(\S+)/m.exec(text)?.[1];
    if (hint) {
      const target = path.resolve(path.dirname(file), hint);
      expect(existsSync(target), `${relative} -> ${hint}`).toBe(true);
      expect(path.basename(target)).toBe(`${schemaFor(file)}.schema.json`);
    }
  });
});
