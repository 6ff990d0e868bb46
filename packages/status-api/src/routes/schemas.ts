import { LANGUAGES } from '../i18n/messages.js';
import { IMPACTS, INCIDENT_STATUSES } from '../incidents/model.js';

/** Component ids as in /badge/<id>.svg. */
export const COMPONENT_ID = '^[a-z0-9][a-z0-9-]{0,62}$';

/** A text in one or more of the page's languages; no markup is interpreted, all of it is escaped. */
export const texts = (maxLength: number) =>
  ({
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(LANGUAGES.map((l) => [l, { type: 'string', minLength: 1, maxLength }])),
  }) as const;

export const componentList = {
  type: 'array',
  minItems: 1,
  maxItems: 50,
  uniqueItems: true,
  items: { type: 'string', pattern: COMPONENT_ID },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 } },
} as const;

export const langQuery = {
  type: 'object',
  properties: { lang: { type: 'string', enum: [...LANGUAGES] } },
} as const;

export const incidentStatus = { type: 'string', enum: [...INCIDENT_STATUSES] } as const;
export const openIncidentStatus = { type: 'string', enum: INCIDENT_STATUSES.filter((s) => s !== 'resolved') } as const;
export const impact = { type: 'string', enum: [...IMPACTS] } as const;
export const isoTime = { type: 'string', format: 'date-time' } as const;

export const TITLE_MAX = 200;
export const BODY_MAX = 5_000;
