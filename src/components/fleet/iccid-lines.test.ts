import { ApiError } from '../api/client';
import { iccidLines, lineProblems, luhnValid, serverLineProblems } from './iccid-lines';

/** The Register SIMs form names bad lines by number, before sending and from the server's answer. */
describe('ICCID lines of the Register SIMs form', () => {
  const good = '89490200001234567892';
  const other = '8949020000123456788';

  it('checks the Luhn digit like the server', () => {
    expect(luhnValid(good)).toBe(true);
    expect(luhnValid(other)).toBe(true);
    expect(luhnValid('89490200001234567890')).toBe(false);
  });

  it('numbers lines as typed, blank lines included, spaces removed', () => {
    expect(iccidLines(`${good}\n\n 8949 0200 0012 3456 788 \n`)).toEqual([
      { line: 1, iccid: good },
      { line: 3, iccid: other },
    ]);
  });

  it('names every bad line: digits, length, check digit, repeats', () => {
    const lines = iccidLines([good, '', '1234567890123456789', '8949x', '12345', good].join('\n'));
    expect(lineProblems(lines)).toEqual([
      'Line 3: ICCID has an invalid check digit.',
      'Line 4: an ICCID holds digits only ("8949x").',
      'Line 5: an ICCID has 19 or 20 digits, this one has 5.',
      'Line 6: repeats line 1.',
    ]);
    expect(lineProblems(iccidLines(`${good}\n${other}`))).toEqual([]);
  });

  it('maps the server’s positions (CONFLICT) and quoted ICCIDs (BAD_USER_INPUT) to lines', () => {
    const lines = iccidLines(`${good}\n\n${other}`);
    const conflict = new ApiError('The ICCID at iccids[1] cannot be registered: a card is registered once.', 'CONFLICT', 'iccids');
    expect(serverLineProblems(conflict, lines)).toEqual([
      'Line 3: this ICCID cannot be registered (a card is registered once, in one Workspace).',
    ]);
    const bad = new ApiError(`iccids has an invalid check digit (Luhn): "${other}".`, 'BAD_USER_INPUT', 'iccids');
    expect(serverLineProblems(bad, lines)).toEqual([`Line 3: ICCID has an invalid check digit (Luhn): "${other}".`]);
    expect(serverLineProblems(new ApiError('At most 1000 ICCIDs per call.', 'BAD_USER_INPUT', 'iccids'), lines)).toBeNull();
  });

  it('maps the server’s line numbers, which count the ICCIDs sent, to the lines of the box', () => {
    const lines = iccidLines(`${good}\n\n${other}\n\n\n${good}`);
    const one = new ApiError(
      'The ICCID on line 2 cannot be registered: a card is registered once. Nothing was registered.',
      'CONFLICT',
      'iccids',
    );
    expect(serverLineProblems(one, lines)).toEqual([
      'Line 3: this ICCID cannot be registered (a card is registered once, in one Workspace).',
    ]);
    const many = new ApiError('The ICCIDs on lines 1, 2, 3 cannot be registered: … Nothing was registered.', 'CONFLICT', 'iccids');
    expect(serverLineProblems(many, lines)?.map((p) => p.slice(0, 7))).toEqual(['Line 1:', 'Line 3:', 'Line 6:']);
    const more = new ApiError('The ICCIDs on lines 1, 3 and 4 more cannot be registered.', 'CONFLICT', 'iccids');
    expect(serverLineProblems(more, lines)).toEqual([
      'Line 1: this ICCID cannot be registered (a card is registered once, in one Workspace).',
      'Line 6: this ICCID cannot be registered (a card is registered once, in one Workspace).',
      '…and 4 more lines.',
    ]);
    const bad = new ApiError(
      'Line 2: ICCID has an invalid check digit; line 3: ICCID must have 19 or 20 digits.',
      'BAD_USER_INPUT',
      'iccids',
    );
    expect(serverLineProblems(bad, lines)).toEqual([
      'Line 3: ICCID has an invalid check digit.',
      'Line 6: ICCID must have 19 or 20 digits.',
    ]);
    expect(serverLineProblems(new ApiError('Forbidden', 'FORBIDDEN'), lines)).toBeNull();
  });
});
