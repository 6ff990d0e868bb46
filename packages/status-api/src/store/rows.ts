import type { Selectable } from 'kysely';
import type { AuditEntry, Incident, IncidentUpdate, Maintenance } from '../incidents/model.js';
import type { AuditTable, IncidentsTable, IncidentUpdatesTable, MaintenanceTable } from './schema.js';

export function toIncident(row: Selectable<IncidentsTable>, updates: Selectable<IncidentUpdatesTable>[]): Incident {
  return {
    id: row.id,
    title: JSON.parse(row.title),
    status: row.status,
    impact: row.impact,
    components: JSON.parse(row.components),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at ?? undefined,
    updates: updates.map(toIncidentUpdate),
  };
}

function toIncidentUpdate(row: Selectable<IncidentUpdatesTable>): IncidentUpdate {
  return { id: row.id, incidentId: row.incident_id, status: row.status, body: JSON.parse(row.body), at: row.at };
}

export function toMaintenance(row: Selectable<MaintenanceTable>): Maintenance {
  return {
    id: row.id,
    title: JSON.parse(row.title),
    body: JSON.parse(row.body),
    components: JSON.parse(row.components),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    cancelled: row.cancelled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toAuditEntry(row: Selectable<AuditTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    detail: JSON.parse(row.detail),
  };
}
