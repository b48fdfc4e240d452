/**
 * The one place that talks to compromise: compromise-dates, for dates our rules miss. Everything
 * it returns is re-checked against the text (offsets must slice to the reported words), and its
 * exceptions are contained here.
 */
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';

nlp.plugin(datesPlugin as unknown as Parameters<typeof nlp.plugin>[0]);

/** A span compromise tagged, relative to the text it was given. */
export interface NlpMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface JsonMatch {
  text: string;
  offset?: { start: number; length: number };
}

function matches(text: string, json: JsonMatch[]): NlpMatch[] {
  const out: NlpMatch[] = [];
  for (const m of json) {
    if (!m.offset) continue;
    const start = m.offset.start;
    const end = start + m.offset.length;
    // compromise's offsets can drift (it normalises some characters): keep only exact slices
    if (start < 0 || end > text.length || end <= start || text.slice(start, end) !== m.text) continue;
    out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

/** A date compromise-dates found, with the interval it resolved (relative to `today`). */
export interface NlpDate extends NlpMatch {
  readonly from: string | null;
  readonly to: string | null;
  readonly unit: string | null;
}

interface DateJson extends JsonMatch {
  dates?: { start?: string | null; end?: string | null; unit?: string };
}

/** compromise-dates on one sentence; `[]` when it fails (it throws on some ordinary sentences). */
export function nlpDates(text: string, today: string): NlpDate[] {
  try {
    const doc = nlp(text) as unknown as { dates(o: object): { json(o: object): DateJson[] } };
    const json = doc.dates({ today, timezone: 'UTC' }).json({ offset: true });
    const out: NlpDate[] = [];
    for (const j of json) {
      const [m] = matches(text, [j]);
      if (!m) continue;
      const d = j.dates;
      out.push({ ...m, from: d?.start ? d.start.slice(0, 10) : null, to: d?.end ? d.end.slice(0, 10) : null, unit: d?.unit ?? null });
    }
    return out;
  } catch {
    return [];
  }
}
