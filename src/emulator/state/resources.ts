import { guidFromName } from "../random.js";
import type { SeededProject } from "./projects.js";

/** What a project holds that subscription filters can name: Git repositories, pipelines, release pipelines. */
export interface ProjectResources {
  repositories: { id: string; name: string }[];
  /** `path` is the folder, `\` for the root. */
  buildDefinitions: { id: number; name: string; path: string; revision: number }[];
  releaseDefinitions: { id: number; name: string; path: string; revision: number; environments: { id: number; name: string; rank: number }[] }[];
}

interface SeedDefinition {
  id: number;
  name: string;
  path?: string;
}

interface SeedRelease extends SeedDefinition {
  environments: [number, string][];
}

interface Seed {
  repositories: string[];
  builds: SeedDefinition[];
  releases: SeedRelease[];
}

/**
 * By project name. Ids are unique in the organization and never change, so tests can name them.
 * Platform has two pipelines called "Deploy" (in different folders) and two release pipelines
 * with a "Production" stage: the ambiguous names a resolver must refuse.
 */
const SEEDS: Record<string, Seed> = {
  WebSite: {
    repositories: ["WebSite.Docs", "WebSite.Infra"],
    builds: [
      { id: 11, name: "WebSite.CI" },
      { id: 12, name: "WebSite.Nightly" },
      { id: 13, name: "WebSite.PR", path: "\\Validation" },
    ],
    releases: [
      {
        id: 1,
        name: "WebSite Release",
        environments: [
          [1, "Dev"],
          [2, "Staging"],
          [3, "Production"],
        ],
      },
    ],
  },
  Mobile: {
    repositories: ["Mobile.iOS", "Mobile.Android"],
    builds: [
      { id: 21, name: "Mobile.iOS.CI" },
      { id: 22, name: "Mobile.Android.CI" },
    ],
    releases: [
      {
        id: 2,
        name: "Mobile Store",
        environments: [
          [4, "Beta"],
          [5, "Store"],
        ],
      },
    ],
  },
  Platform: {
    repositories: ["Platform.Api", "Platform.Tools"],
    builds: [
      { id: 31, name: "Deploy", path: "\\Services" },
      { id: 32, name: "Deploy", path: "\\Tools" },
      { id: 33, name: "Platform.CI" },
    ],
    releases: [
      { id: 3, name: "Platform Services", environments: [[6, "Production"]] },
      {
        id: 4,
        name: "Platform Tools",
        environments: [
          [7, "Test"],
          [8, "Production"],
        ],
      },
    ],
  },
};

/**
 * The resources of one project: like the service, every project has a default repository named
 * after it; the seeded projects have a few more repositories, pipelines and release pipelines.
 */
export function projectResources(project: SeededProject): ProjectResources {
  const seed = SEEDS[project.name];
  const repositoryNames = [project.name, ...(seed?.repositories ?? [])];
  return {
    repositories: repositoryNames.map((name) => ({ id: guidFromName(`hookops-emulator/repository/${project.id}/${name.toLowerCase()}`), name })),
    buildDefinitions: (seed?.builds ?? []).map((build) => ({ id: build.id, name: build.name, path: build.path ?? "\\", revision: 3 })),
    releaseDefinitions: (seed?.releases ?? []).map((release) => ({
      id: release.id,
      name: release.name,
      path: release.path ?? "\\",
      revision: 5,
      environments: release.environments.map(([id, name], rank) => ({ id, name, rank: rank + 1 })),
    })),
  };
}
