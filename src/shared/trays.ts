// The trays ("bandejas") and categories of the operating guide (seed 000, §2), in the guide's order.
export interface DefaultTray {
  key: string;
  name: string;
  team: string;
  categories: { key: string; name: string }[];
}

export const DEFAULT_TRAYS: readonly DefaultTray[] = [
  { key: 'global', name: 'Global', team: 'global', categories: [] },
  {
    key: 'marketing',
    name: 'Marketing',
    team: 'marketing',
    categories: [
      { key: 'leads', name: 'Leads' },
      { key: 'campaigns', name: 'Campañas' },
      { key: 'info', name: 'Consultas informativas' },
      { key: 'forms', name: 'Formularios y redes sociales' },
    ],
  },
  {
    key: 'sales',
    name: 'Ventas',
    team: 'sales',
    categories: [
      { key: 'quotes', name: 'Cotizaciones' },
      { key: 'followup', name: 'Seguimiento comercial' },
      { key: 'negotiations', name: 'Negociaciones activas' },
    ],
  },
  {
    key: 'support',
    name: 'Servicio y Soporte',
    team: 'support',
    categories: [
      { key: 'faults', name: 'Fallas' },
      { key: 'technical', name: 'Solicitudes técnicas' },
      { key: 'warranty', name: 'Garantías' },
      { key: 'postsale', name: 'Postventa' },
    ],
  },
];
