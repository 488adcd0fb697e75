// The default calificaciones (dispositions) of the operating guide (seed 004, "Ejemplos de calificaciones
// posibles"), in the guide's order: every new workspace starts with them (server: workspace creation and
// migration 0004; the demo workspace), and admins edit the list afterwards. Resolving with one that needs
// follow-up requires a linked open task with a due date (rules/closing-policy.ts).
export interface DefaultDisposition {
  name: string;
  needsFollowUp: boolean;
}

export const DEFAULT_DISPOSITIONS: readonly DefaultDisposition[] = [
  { name: 'Consulta resuelta', needsFollowUp: false },
  { name: 'Seguimiento requerido', needsFollowUp: true },
  { name: 'Caso escalado', needsFollowUp: false },
  { name: 'Cliente insatisfecho', needsFollowUp: false },
];
