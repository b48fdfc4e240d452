/** Hover cards: who an entity is and where else it appears; for a date, what it resolves to and what other sources say. */
import * as vscode from 'vscode';
import type { CorpusService, CorpusLocation } from '../corpus-service';
import { showsIndexedText } from '../../core/index/shown-text';
import type { DateExpression } from '../../core/pipeline/dates/date-expressions';
import type { MentionHit } from '../../core/index/corpus-index';
import { Commands } from '../commands';
import { commandLink, escapeMarkdown, toRange } from '../convert';
import { ARTICLE_SELECTOR } from './article-selector';
import { formatDate, isoRange } from '../../core/index/date-format';

const MAX_SOURCES = 12;
const MAX_EVENTS = 5;

export function registerEntityHover(service: CorpusService): vscode.Disposable {
  return vscode.languages.registerHoverProvider(ARTICLE_SELECTOR, {
    provideHover(document, position, token) {
      const at = service.locate(document.uri);
      if (!at || token.isCancellationRequested) return undefined;
      const indexed = at.index.document(at.id);
      if (!indexed || !showsIndexedText(indexed.text, document.getText())) return undefined; // the index is catching up with an edit
      const offset = document.offsetAt(position);
      const hit = at.index.entityAt(at.id, offset);
      if (hit) return new vscode.Hover(entityCard(at, hit), toRange(at.index, at.id, hit.mention));
      const date = at.index.dateAt(at.id, offset);
      if (date) return new vscode.Hover(dateCard(at, date), toRange(at.index, at.id, date));
      return undefined;
    },
  });
}

function card(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [Commands.openLocation, Commands.filterTimeline] };
  md.supportHtml = false;
  return md;
}

function open(
  at: CorpusLocation,
  document: string,
  span: { start: number; end: number },
  label: string,
): string {
  return commandLink(label, Commands.openLocation, [
    at.corpus.root.toString(),
    document,
    span.start,
    span.end,
  ]);
}

function entityCard(at: CorpusLocation, { entity }: MentionHit): vscode.MarkdownString {
  const { index } = at;
  const md = card();
  md.appendMarkdown(`**${escapeMarkdown(entity.name)}** · _${entity.type}_\n\n`);
  if (entity.description) {
    const from =
      entity.descriptionSource === 'corpus.yaml'
        ? 'corpus.yaml'
        : (index.document(entity.descriptionSource ?? '')?.title ?? entity.descriptionSource);
    md.appendMarkdown(`${escapeMarkdown(entity.description)} — _${escapeMarkdown(from ?? '')}_\n\n`);
  }
  if (entity.aliases.length > 0)
    md.appendMarkdown(`Also: ${entity.aliases.map(escapeMarkdown).join(', ')}\n\n`);
  const sources = index.sourcesOf(entity.id);
  md.appendMarkdown(
    `**Mentions** (${entity.mentions.length} in ${sources.length} source${sources.length === 1 ? '' : 's'})\n\n`,
  );
  // this article first, then the sources naming it most; a long list is cut (References has them all)
  const shown = [...sources]
    .sort((a, b) => Number(b.document === at.id) - Number(a.document === at.id) || b.count - a.count)
    .slice(0, MAX_SOURCES);
  for (const { document: doc, count, first } of shown) {
    const title = index.document(doc)?.title ?? doc;
    md.appendMarkdown(
      `- ${open(at, doc, first, title)} · ${count}${doc === at.id ? ' _(this article)_' : ''}\n`,
    );
  }
  if (sources.length > shown.length)
    md.appendMarkdown(`- … and ${sources.length - shown.length} more (Shift+F12 lists every mention)\n`);
  const dated = sources
    .map((s) => index.document(s.document))
    .filter((d) => d?.published)
    .map((d) => ({ title: d!.title, ...d!.published!.interval, date: d!.published!.date }));
  // First = published before every other source could have been; sources whose dates overlap cannot be ordered.
  const firstEnd = dated.reduce((min, d) => (d.to < min ? d.to : min), '9999-12-31');
  const first = dated.filter((d) => d.from <= firstEnd);
  if (first.length === 1)
    md.appendMarkdown(
      `\nFirst in the corpus: ${escapeMarkdown(first[0]!.title)} (${escapeMarkdown(first[0]!.date)})\n`,
    );
  else if (first.length > 1 && first.length < dated.length)
    md.appendMarkdown(
      `\nEarliest sources (their dates cannot order them): ${first.map((d) => `${escapeMarkdown(d.title)} (${escapeMarkdown(d.date)})`).join('; ')}\n`,
    );
  const events = index.eventsOf(entity.id).slice(0, MAX_EVENTS);
  if (events.length > 0) {
    md.appendMarkdown(`\n**Events**\n\n`);
    for (const e of events) {
      const r = e.reports[0]!;
      md.appendMarkdown(
        `- ${escapeMarkdown(formatDate(e, vscode.env.language) || '?')} — ${open(at, r.document, r, e.summary)}\n`,
      );
    }
    md.appendMarkdown(`\n${commandLink('Show on the timeline', Commands.filterTimeline, [entity.id])}\n`);
  }
  return md;
}

function dateCard(at: CorpusLocation, date: DateExpression): vscode.MarkdownString {
  const md = card();
  const reference =
    date.reference &&
    {
      present: 'the present, as of publication',
      past: 'the past, before publication',
      future: 'the future, after publication',
    }[date.reference];
  const when = reference ?? (date.from === null ? 'cannot be placed' : formatDate(date, vscode.env.language));
  // the date at its own precision leads; the ISO interval follows for those who compare days
  const iso = date.from === null || reference ? '' : isoRange(date);
  md.appendMarkdown(
    `**${escapeMarkdown(date.text)}** → ${escapeMarkdown(when)}${iso && iso !== when ? ` · \`${iso}\`` : ''}${date.granularity ? ` _(${date.granularity})_` : ''}\n\n`,
  );
  if (date.kind === 'duration') md.appendMarkdown('_a length of time, not a point in time_\n\n');
  for (const { event, report } of at.index.eventsAtDate(at.id, date)) {
    md.appendMarkdown(`${escapeMarkdown(event.summary)}\n\n`);
    const others = event.reports.filter((r) => r !== report);
    // an event many sources report lists the first few; F12 on the date lists them all
    for (const other of others.slice(0, MAX_SOURCES)) {
      const title = at.index.document(other.document)?.title ?? other.document;
      // marked only where the core found a conflict: a month against a day in it is none
      const conflict = at.index.conflicts.find(
        (c) =>
          c.kind === 'date' &&
          [report, other].every((r) =>
            c.reports.some((x) => x.document === r.document && x.start === r.date?.start),
          ),
      );
      const clash = conflict ? (conflict.severity === 'warning' ? ' ⚠ conflicts' : ' _(may conflict)_') : '';
      md.appendMarkdown(
        other.date
          ? `- ${open(at, other.document, other.date, title)}: “${escapeMarkdown(other.date.text)}” (${escapeMarkdown(formatDate(other.date, vscode.env.language) || '?')})${clash}\n`
          : `- ${open(at, other.document, other.predicate, title)}: undated there (“${escapeMarkdown(other.predicate.text)}”)\n`,
      );
    }
    if (others.length > MAX_SOURCES)
      md.appendMarkdown(
        `- … and ${others.length - MAX_SOURCES} more sources (F12 on the date lists them all)\n`,
      );
  }
  return md;
}
