// Entity extraction: dates, holidays, regions, documents (own Korean rules) and phone numbers,
// URLs, e-mails, English dates and numbers (Microsoft Recognizers-Text).
export { extractEntities, type EntityOptions } from './extract';
export { warmUpRecognizers } from './recognizers';
export type { RegionValue, Place } from './regions';
export type { DateRangeValue } from './entity';
export { holidayBreak, type HolidayBreak, type LunarHoliday } from './holiday-calendar';
