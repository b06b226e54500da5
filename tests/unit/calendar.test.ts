// The conference's calendar file, read back by ical.js (Mozilla's parser):
// the right time, a neutral title, and the same UID with a higher SEQUENCE
// once the meeting is moved or cancelled.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { conferenceCalendar, type CalendarConference } from '~/server/domain/calendar';

const options = { title: 'Meeting – see portal', url: 'https://portal.example/en/account/', host: 'portal.example' };
const booked: CalendarConference = {
  id: '0b8f3c2e-7d1a-4f55-9a0e-2c6b1d7e9f10',
  // Tuesday 27 October 2026 at 10:00 in London (GMT, after the clocks went back).
  startsAt: new Date('2026-10-27T10:00:00Z'),
  durationMinutes: 120,
  status: 'scheduled',
  sequence: 0,
};

function read(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const [vevent, ...others] = calendar.getAllSubcomponents('vevent');
  expect(others).toEqual([]);
  const event = new ICAL.Event(vevent);
  return { event, status: vevent?.getFirstPropertyValue('status'), url: vevent?.getFirstPropertyValue('url') };
}

describe('the conference calendar file', () => {
  it('parses, with the time, the length and a title that says nothing about the meeting', () => {
    const { event, status, url } = read(conferenceCalendar(booked, options));
    expect(event.summary).toBe('Meeting – see portal');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-27T10:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-10-27T12:00:00.000Z');
    expect(event.location).toBeNull();
    expect(event.description).toBeNull();
    expect(status).toBe('CONFIRMED');
    expect(url).toBe(options.url);
  });

  it('keeps its UID and raises its SEQUENCE when the meeting is moved, then cancelled', () => {
    const first = read(conferenceCalendar(booked, options)).event;
    const moved = read(
      conferenceCalendar({ ...booked, startsAt: new Date('2026-10-28T10:00:00Z'), sequence: 1 }, options),
    );
    const cancelled = read(conferenceCalendar({ ...booked, status: 'cancelled', sequence: 2 }, options));
    expect(moved.event.uid).toBe(first.uid);
    expect(cancelled.event.uid).toBe(first.uid);
    expect([first.sequence, moved.event.sequence, cancelled.event.sequence]).toEqual([0, 1, 2]);
    expect(moved.event.startDate.toJSDate().toISOString()).toBe('2026-10-28T10:00:00.000Z');
    expect(cancelled.status).toBe('CANCELLED');
  });
});
