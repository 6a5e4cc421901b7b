export interface BenchRow {
  bench?: string;
  name?: string;
  value: unknown;
  unit?: string;
  target?: string;
  met?: boolean;
}
export interface BenchResults {
  measuredAt: string;
  node: string;
  cores: number;
  platform: string;
  rows: BenchRow[];
}
export const RESULTS_FILE: string;
export const README_FILE: string;
export function judge(row: BenchRow): boolean | undefined;
export function renderTable(results: BenchResults): string;
export function expectedReadme(): Promise<{ readme: string; expected: string }>;
export function updateReadme(): Promise<void>;
