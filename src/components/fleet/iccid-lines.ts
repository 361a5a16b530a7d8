import type { ApiError } from '../api/client';

/** An ICCID as typed into the Register SIMs box, with the number of its line (1-based). */
export interface IccidLine {
  line: number;
  iccid: string;
}

/** The box's non-blank lines, spaces removed, each with its line number. */
export function iccidLines(text: string): IccidLine[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const iccid = raw.replace(/\s+/g, '');
    return iccid ? [{ line: i + 1, iccid }] : [];
  });
}

/** True when the digit string ends with a valid Luhn (mod 10) check digit (ITU-T E.118). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * What is wrong with each line, as "Line 3: …", checked in the browser before anything is sent: the
 * same rules as the server (digits only, 19 or 20 of them, a valid check digit, no repeats).
 */
export function lineProblems(lines: readonly IccidLine[]): string[] {
  const firstSeen = new Map<string, number>();
  return lines.flatMap(({ line, iccid }) => {
    const problem = iccidProblem(iccid) ?? repeated(firstSeen, iccid, line);
    return problem ? [`Line ${line}: ${problem}`] : [];
  });
}

function iccidProblem(iccid: string): string | null {
  if (!/^\d+$/.test(iccid)) return `an ICCID holds digits only ("${clip(iccid)}").`;
  if (iccid.length < 19 || iccid.length > 20) return `an ICCID has 19 or 20 digits, this one has ${iccid.length}.`;
  if (!luhnValid(iccid)) return 'ICCID has an invalid check digit.';
  return null;
}

function repeated(firstSeen: Map<string, number>, iccid: string, line: number): string | null {
  const earlier = firstSeen.get(iccid);
  if (earlier !== undefined) return `repeats line ${earlier}.`;
  firstSeen.set(iccid, line);
  return null;
}

const clip = (text: string) => (text.length > 24 ? `${text.slice(0, 24)}…` : text);

/**
 * The server's refusal of a registration as the box's line numbers. The server counts entries of the
 * batch (blank lines are not sent), so its positions are mapped back to the lines typed: a CONFLICT
 * names positions ("on lines 1, 3" or, older servers, "iccids[0]"), a BAD_USER_INPUT names
 * "line 2: …" per bad ICCID (older servers: quotes the ICCID). Null when it names none.
 */
export function serverLineProblems(error: ApiError, lines: readonly IccidLine[]): string[] | null {
  if (error.field !== 'iccids') return null;
  const lineOf = (position: number) => lines[position]?.line;
  if (error.code === 'CONFLICT') {
    const positions = conflictPositions(error.message);
    if (!positions.length) return null;
    const problems = positions.flatMap((p) => {
      const line = lineOf(p);
      return line ? [`Line ${line}: this ICCID cannot be registered (a card is registered once, in one Workspace).`] : [];
    });
    const more = /and (\d+) more/.exec(error.message);
    return more ? [...problems, `…and ${more[1]} more lines.`] : problems;
  }
  const perLine = [...error.message.matchAll(/\bline (\d+): ([^;]+?)(?=; line \d+:|\.?$)/gi)];
  if (perLine.length) {
    return perLine.map((m) => {
      const line = lineOf(Number(m[1]) - 1);
      return `${line ? `Line ${line}` : `Entry ${m[1]}`}: ${m[2]}.`;
    });
  }
  const quoted = lines.find(({ iccid }) => error.message.includes(`"${iccid}"`));
  return quoted ? [`Line ${quoted.line}: ${error.message.replace(/^iccids /, 'ICCID ')}`] : null;
}

/** The 0-based batch positions a CONFLICT names, without the "and N more" it could not list. */
function conflictPositions(message: string): number[] {
  const indexed = [...message.matchAll(/iccids\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (indexed.length) return indexed;
  const listed = /on lines? ([\d, ]+?)(?: and \d+ more)? cannot/.exec(message)?.[1] ?? '';
  return [...listed.matchAll(/\d+/g)].map((m) => Number(m[0]) - 1);
}
