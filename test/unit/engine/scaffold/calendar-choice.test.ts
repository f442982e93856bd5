import * as assert from 'node:assert/strict';
import { CALENDAR_PRESETS } from '../../../../src/engine/scaffold/calendar';
import { calendarChoices, withCalendarPreset } from '../../../../src/engine/scaffold/calendar-choice';
import { resolveOptions } from '../../../../src/engine/scaffold/options';
import { validateOptions } from '../../../../src/engine/scaffold/validate-options';

describe('scaffold: the wizard\'s calendar preset (engine side)', () => {
  it('offers every preset and custom, each valid once chosen', () => {
    const ids = calendarChoices().map((c) => c.id);
    assert.deepEqual(ids, [...Object.keys(CALENDAR_PRESETS), 'custom']);
    for (const id of ids) assert.deepEqual(validateOptions(withCalendarPreset(resolveOptions({}), id)), [], id);
  });

  it('a preset brings its dates and its time zone; the input options are left as they were', () => {
    const start = resolveOptions({});
    const us = withCalendarPreset(start, 'us-district');
    assert.equal(us.scaling.calendar.preset, 'us-district');
    assert.equal(us.scaling.timeZone, 'America/New_York');
    assert.deepEqual(us.scaling.calendar.terms, CALENDAR_PRESETS['us-district'].terms);
    assert.equal(start.scaling.calendar.preset, 'england-wales', 'not mutated');
    us.scaling.calendar.terms[0].start = '2026-08-01';
    assert.equal(CALENDAR_PRESETS['us-district'].terms[0].start, '2026-08-26', 'the preset table is not shared');
  });

  it('custom keeps the school\'s edited dates and time zone', () => {
    const edited = resolveOptions({ scaling: { timeZone: 'Europe/Dublin', calendar: { preset: 'england-wales', terms: [{ name: 'Autumn', start: '2026-09-01', end: '2026-12-20' }], exams: [] } } });
    const custom = withCalendarPreset(edited, 'custom');
    assert.equal(custom.scaling.calendar.preset, 'custom');
    assert.equal(custom.scaling.timeZone, 'Europe/Dublin');
    assert.deepEqual(custom.scaling.calendar.terms, [{ name: 'Autumn', start: '2026-09-01', end: '2026-12-20' }]);
  });

  it('an unknown preset is refused with the choices', () => {
    assert.throws(() => withCalendarPreset(resolveOptions({}), 'scotland' as never), /Unknown calendar preset 'scotland': choose one of england-wales, us-district, australia-nsw, custom/);
  });
});
