import { CALENDAR_PRESETS, presetCalendar, type CalendarPresetId } from './calendar';
import type { ScaffoldOptions } from './options';

/** One line per calendar the wizard offers: the presets, then 'custom' (edit the dates in moodle-ha.options.json). */
export function calendarChoices(): Array<{ id: CalendarPresetId; label: string; timeZone?: string }> {
  return [
    ...Object.entries(CALENDAR_PRESETS).map(([id, p]) => ({ id: id as CalendarPresetId, label: p.label, timeZone: p.timeZone })),
    { id: 'custom', label: 'My own dates (keep the current terms and exams; edit scaling.calendar in moodle-ha.options.json)' },
  ];
}

/**
 * The options with the school calendar the wizard's answer names (scaling.calendar.preset): a preset
 * replaces terms and exams with its dates and sets the schedules' time zone to its own; 'custom'
 * keeps the current dates and time zone and only marks them as the school's own. Never mutates.
 */
export function withCalendarPreset(options: ScaffoldOptions, id: CalendarPresetId): ScaffoldOptions {
  const next = structuredClone(options);
  if (id === 'custom') {
    next.scaling.calendar.preset = 'custom';
    return next;
  }
  const preset = CALENDAR_PRESETS[id];
  if (!preset) throw new Error(`Unknown calendar preset '${String(id)}': choose one of ${calendarChoices().map((c) => c.id).join(', ')}.`);
  next.scaling.calendar = presetCalendar(id);
  next.scaling.timeZone = preset.timeZone;
  return next;
}
