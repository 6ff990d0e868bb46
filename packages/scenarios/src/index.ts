export { dayNumber, shiftDate } from './calendar/dates.js';
export { HOSPITAL_WEEKDAY_KNOTS, HOSPITAL_WEEKEND_KNOTS, HOSPITALS, hospitalKnots } from './hospital/hospitalDay.js';
export {
  MORNING_END,
  MORNING_KNOTS,
  MORNING_START,
  PEAK_SECONDS,
  WORKING_DAY_KNOTS,
} from './logins/morningLoginSpike.js';
export { DEMO_STALL, type Incident, MORNING_STALL } from './pharmacy/incidents.js';
export {
  CARE_CALLS,
  type CallTemplate,
  type CareOperation,
  DENIED_LOGIN_CALL,
  fillPlaceholders,
  LOGIN_CALL,
  OPERATIONS,
  type Operation,
  placeholders,
} from './pharmacy/operations.js';
export {
  dayLevel,
  type LocalMoment,
  MINUTE_JITTER,
  minuteJitter,
  PHARMACY_PEAK,
  PHARMACY_SEED,
  PHARMACY_TIME_ZONE,
  pharmacyRate,
  pharmacyStoryRate,
  storyLevel,
  USUAL_WEEKS,
  usualLevel,
} from './pharmacy/pharmacyDay.js';
export {
  CONTRACT_TENANTS,
  NO_CONTRACT_TENANTS,
  PROVIDER_COUNT,
  providerId,
  TENANTS,
  type Tenant,
  VENDORS,
} from './pharmacy/tenants.js';
export { DENIED_SHARE, HAMMER, hammerRate, OPERATION_SHARES, PROVIDERS_PER_TENANT } from './pharmacy/trafficMix.js';
export { randomAt, seededRandom } from './random/mulberry32.js';
export { clock, type Knot, knotCurve } from './shape/knots.js';
