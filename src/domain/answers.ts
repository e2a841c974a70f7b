/**
 * A lead's other answers (product, city, message ...), kept in lead_sheet's `answers`
 * column as one "Question: answer" line each, so a person reads them in the sheet and a
 * routing rule can look an answer up by its question title (`answerFor`).
 */

export interface Answer {
  question: string;
  answer: string;
}

/**
 * Longest `answers` cell written, in characters. Google Sheets holds at most 50,000
 * characters in a cell (Sheets limits, "Files you can store in Google Drive"); a longer
 * write is refused and the lead would be lost with it. A margin is kept for the "…".
 */
export const MAX_ANSWERS_CHARS = 49_000;

/** One line per answer: line breaks inside an answer become " / ", a question never contains ": ". */
function line(a: Answer): string {
  const question = a.question.replace(/\s+/g, ' ').replace(/:\s+/g, ':').trim();
  const answer = a.answer
    .replace(/\r\n?|\n/g, ' / ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${question}: ${answer}`;
}

/** The `answers` cell text: non-empty answers only, in the order given, clipped to the cell limit. */
export function formatAnswers(answers: readonly Answer[]): string {
  const text = answers
    .filter((a) => a.answer.trim() !== '' && a.question.trim() !== '')
    .map(line)
    .join('\n');
  return text.length > MAX_ANSWERS_CHARS ? `${text.slice(0, MAX_ANSWERS_CHARS - 1)}…` : text;
}

/** The answers back from the cell text (lines without ": " are kept as answers to ""). */
export function parseAnswers(text: string): Answer[] {
  return text
    .split(/\r\n?|\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const at = l.indexOf(': ');
      return at < 0
        ? { question: '', answer: l.trim() }
        : { question: l.slice(0, at).trim(), answer: l.slice(at + 2).trim() };
    });
}

/** The answer to a question, matched by title ignoring case and surrounding spaces; '' when none. */
export function answerFor(text: string, question: string): string {
  const wanted = question.replace(/\s+/g, ' ').replace(/:\s+/g, ':').trim().toLowerCase();
  return parseAnswers(text).find((a) => a.question.toLowerCase() === wanted)?.answer ?? '';
}
