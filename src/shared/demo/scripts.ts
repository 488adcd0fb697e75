// The demo workspace's fixed cast and words: Spanish conversation scripts per tray/category of the guide,
// tags, agents, channels and the filler chatter benchmarks append. Data only; generate.ts draws from it.
// `{name}` is replaced by the contact's first name, `{agent}` by the agent's first name.
import type { ChannelKind, Role } from '../domain';

export interface Scenario {
  subject: string;
  /** Alternating turns, starting with the customer. */
  turns: string[];
  /** A descriptive private note in the guide's style, sometimes added. */
  note?: string;
  tags: string[];
  /** Attachment for the customer's turn at this index. */
  customerFile?: {
    index: number;
    name: string;
    mime: string;
    url: string;
    size: number;
  };
  agentFile?: {
    index: number;
    name: string;
    mime: string;
    url: string;
    size: number;
  };
}

const photo = (index: number) => ({
  index,
  name: 'foto-vehiculo.jpg',
  mime: 'image/svg+xml',
  url: 'demo/foto-vehiculo.svg',
  size: 48_211,
});
const device = (index: number) => ({
  index,
  name: 'foto-equipo.jpg',
  mime: 'image/svg+xml',
  url: 'demo/foto-equipo.svg',
  size: 39_870,
});
const receipt = (index: number) => ({
  index,
  name: 'comprobante.png',
  mime: 'image/svg+xml',
  url: 'demo/comprobante.svg',
  size: 22_304,
});
const quote = (index: number) => ({
  index,
  name: 'cotizacion.pdf',
  mime: 'application/pdf',
  url: 'demo/cotizacion.pdf',
  size: 118_402,
});
const manual = (index: number) => ({
  index,
  name: 'manual.pdf',
  mime: 'application/pdf',
  url: 'demo/manual.pdf',
  size: 301_554,
});

export const SCENARIOS: Record<string, Scenario[]> = {
  'global:': [
    {
      subject: 'Consulta general',
      turns: [
        'Hola, buenas tardes. ¿Con quién puedo hablar por un tema de mi póliza?',
        'Hola {name}, soy {agent}. Cuéntame, ¿qué necesitas revisar de tu póliza?',
        'Quiero saber si cubre daños por granizo',
      ],
      tags: ['Requiere atención'],
    },
    {
      subject: 'Mensaje sin clasificar',
      turns: [
        'Hola',
        'Hola {name}, ¿en qué te podemos ayudar hoy?',
        'Necesito hablar con alguien de ventas, por favor',
      ],
      tags: [],
    },
    {
      subject: 'Horario de atención',
      turns: [
        '¿Hasta qué hora atienden hoy?',
        'Hola {name}, atendemos de lunes a viernes de 9:00 a 18:30 y sábados hasta las 13:00.',
      ],
      tags: [],
    },
  ],
  'marketing:leads': [
    {
      subject: 'Interés en seguro de hogar',
      turns: [
        'Vi su publicidad en Instagram, ¿cuánto sale el seguro de hogar?',
        'Hola {name}, gracias por escribir. El valor depende del tamaño y la comuna. ¿Me compartes los metros cuadrados y la dirección?',
        'Son 85 m², en Ñuñoa',
        'Perfecto, con eso te preparo una propuesta hoy mismo.',
      ],
      note: 'Contexto: lead de campaña hogar en Instagram. Acciones: se pidió m² y comuna. Próximos pasos: enviar propuesta antes de las 18:00.',
      tags: ['Ventas'],
    },
    {
      subject: 'Lead desde formulario web',
      turns: [
        'Dejé mis datos en el formulario pero nadie me ha llamado',
        'Hola {name}, disculpa la demora. ¿Te acomoda que te llamemos mañana a las 10:00?',
        'Sí, mañana a las 10 está bien',
      ],
      tags: ['Ventas'],
    },
  ],
  'marketing:campaigns': [
    {
      subject: 'Cupón de descuento Cyber',
      turns: [
        'Tengo el cupón CYBER20 pero no me funciona en la web',
        'Hola {name}, el cupón aplica solo a pólizas nuevas de auto. ¿Estás cotizando auto?',
        'Sí, un Ford Fiesta 2019',
        'Entonces debería funcionar; lo reviso y te confirmo.',
      ],
      tags: ['Requiere atención'],
    },
    {
      subject: 'Baja de correos promocionales',
      turns: [
        'Por favor no me envíen más correos de promociones',
        'Hola {name}, listo, te dimos de baja de la lista de campañas. Lamentamos la molestia.',
      ],
      tags: [],
    },
  ],
  'marketing:info': [
    {
      subject: 'Diferencia entre planes',
      turns: [
        '¿Qué diferencia hay entre el plan básico y el full?',
        'Hola {name}, el plan full agrega daños propios, auto de reemplazo y grúa ilimitada. Te envío la comparación.',
        '¿El auto de reemplazo es por cuántos días?',
        'Hasta 15 días por evento.',
      ],
      tags: [],
      agentFile: quote(1),
    },
    {
      subject: 'Cobertura en el extranjero',
      turns: [
        'Viajo a Argentina en auto, ¿mi seguro me cubre allá?',
        'Hola {name}, sí, con la extensión Mercosur. Debes solicitarla con 48 horas de anticipación.',
      ],
      tags: [],
    },
  ],
  'marketing:forms': [
    {
      subject: 'Comentario en Facebook',
      turns: [
        'Les escribí por comentario en Facebook y nadie contestó 😕',
        'Hola {name}, perdón por la demora. Ya estamos revisando tu consulta por aquí.',
        'Gracias, es por la renovación de mi póliza',
      ],
      tags: ['Renovación'],
    },
  ],
  'sales:quotes': [
    {
      subject: 'Cotización seguro de auto',
      turns: [
        'Hola, quiero cotizar el seguro de mi auto',
        'Hola {name}, con gusto. ¿Me indicas marca, modelo y año?',
        'Toyota Yaris 2021, lo uso para ir al trabajo',
        'Perfecto, te adjunto la cotización con tres alternativas de deducible.',
        '¿La de UF 5 incluye grúa?',
      ],
      note: 'Contexto: cotización auto particular. Acciones: se enviaron tres alternativas. Próximos pasos: confirmar si la opción UF 5 incluye grúa y cerrar.',
      tags: ['Ventas'],
      agentFile: quote(3),
    },
    {
      subject: 'Cotizar flota de camionetas',
      turns: [
        'Necesito cotizar seguro para 6 camionetas de la empresa',
        'Hola {name}, ¿me compartes el RUT de la empresa y el listado de patentes?',
        'Te mando la planilla en un rato',
      ],
      tags: ['Ventas', 'VIP'],
    },
    {
      subject: 'Fotos para inspección',
      turns: [
        'Te mando las fotos del auto para la inspección',
        'Gracias {name}, las recibimos. Falta la foto del cuentakilómetros.',
        'Llego a casa y te la paso',
      ],
      customerFile: photo(0),
      tags: ['Ventas'],
    },
  ],
  'sales:followup': [
    {
      subject: 'Seguimiento propuesta hogar',
      turns: [
        'Hola {name}, ¿pudiste revisar la propuesta del seguro de hogar?',
        'Sí, pero lo estoy conversando con mi señora',
        '¡Claro! Quedo atento, cualquier duda me escribes.',
      ],
      tags: ['Ventas'],
    },
    {
      subject: 'Cierre a fin de mes',
      turns: [
        'Cierro la operación el 5 cuando me paguen',
        'Perfecto {name}, te escribo el 5 a primera hora para dejarlo listo.',
      ],
      note: 'Cliente cierra el 5 del próximo mes al cobrar el sueldo. Retomar a las 9:00.',
      tags: ['Ventas'],
    },
  ],
  'sales:negotiations': [
    {
      subject: 'Negociación de prima',
      turns: [
        'La otra compañía me ofrece 10% menos',
        'Hola {name}, entiendo. Puedo revisar un descuento por pago anual. ¿Te interesa?',
        'Sí, si llegamos a un precio similar firmo hoy',
      ],
      note: 'Contexto: cliente compara con competencia (10% menos). Acciones: se ofreció descuento por pago anual. Próximos pasos: validar con supervisor @Carlos el tope de descuento.',
      tags: ['Ventas', 'VIP'],
    },
  ],
  'support:faults': [
    {
      subject: 'Falla en la app',
      turns: [
        'La app no me deja descargar mi póliza, sale error 500',
        'Hola {name}, lamentamos el inconveniente. ¿Desde qué teléfono lo intentas?',
        'Un iPhone 12, versión más reciente de la app',
        'Gracias, lo escalamos al equipo técnico y te aviso apenas esté resuelto.',
      ],
      note: 'Contexto: error 500 al descargar póliza en iOS. Acciones: se escaló a TI con captura. Próximos pasos: avisar al cliente cuando TI confirme. Canal externo: ninguno.',
      tags: ['Reclamo'],
    },
    {
      subject: 'Equipo GPS sin señal',
      turns: [
        'El GPS que instalaron en mi auto no marca nada desde ayer',
        'Hola {name}, ¿nos puedes enviar una foto del equipo con la luz encendida?',
        'Ahí va la foto',
      ],
      customerFile: device(2),
      tags: ['Requiere atención'],
    },
  ],
  'support:technical': [
    {
      subject: 'Cambio de correo de contacto',
      turns: [
        'Quiero cambiar el correo donde me llegan las boletas',
        'Hola {name}, claro. ¿Cuál es el correo nuevo?',
        'el nuevo es el de mi trabajo, se los mando por acá',
        'Recibido, quedó actualizado.',
      ],
      tags: [],
    },
    {
      subject: 'Solicitud de grúa',
      turns: [
        'Necesito una grúa urgente, estoy en la ruta 68 km 20',
        'Hola {name}, te comparto el número de asistencia 24/7: 600 123 4567. ¿Estás en un lugar seguro?',
        'Sí, ya llamé y vienen en camino, gracias',
        '¡Qué bueno! Cualquier cosa nos escribes.',
      ],
      tags: ['Siniestros', 'Urgente'],
    },
  ],
  'support:warranty': [
    {
      subject: 'Garantía de reparación',
      turns: [
        'El taller reparó el parachoques pero quedó mal pintado',
        'Hola {name}, lo siento. La reparación tiene garantía de 6 meses. ¿Nos envías fotos?',
        'Sí, aquí están',
      ],
      customerFile: photo(2),
      tags: ['Siniestros', 'Reclamo'],
    },
  ],
  'support:postsale': [
    {
      subject: 'Pago de cuota rechazado',
      turns: [
        'Me rechazaron el pago de la cuota de este mes',
        'Hola {name}, revisamos y el banco rechazó el cargo automático. ¿Quieres pagar con link?',
        'Sí, mándame el link',
        'Listo, te lo envié por correo. Cuando pagues me mandas el comprobante.',
        'Pagado, adjunto comprobante',
      ],
      customerFile: receipt(4),
      tags: ['Cobranzas'],
    },
    {
      subject: 'Renovación de póliza',
      turns: [
        'Mi póliza vence la próxima semana, ¿se renueva sola?',
        'Hola {name}, sí, se renueva automáticamente con el mismo plan. Te envío el detalle de la renovación.',
      ],
      agentFile: manual(1),
      tags: ['Renovación'],
    },
  ],
};

export const DEMO_TAGS: { name: string; color: string }[] = [
  { name: 'Requiere atención', color: '#d97706' },
  { name: 'Siniestros', color: '#dc2626' },
  { name: 'Cobranzas', color: '#7c3aed' },
  { name: 'Ventas', color: '#059669' },
  { name: 'VIP', color: '#0ea5e9' },
  { name: 'Reclamo', color: '#e11d48' },
  { name: 'Renovación', color: '#2563eb' },
  { name: 'Urgente', color: '#b91c1c' },
];

export const DEMO_AGENTS: {
  name: string;
  email: string;
  role: Role;
  color: string;
  /** Tray teams (DEFAULT_TRAYS[].team) the agent belongs to: not everyone sees every tray. */
  teams: string[];
}[] = [
  {
    name: 'Ana Torres',
    email: 'ana.torres@segurosandes.cl',
    role: 'agent',
    color: '#2563eb',
    teams: ['global', 'sales', 'marketing'],
  },
  {
    name: 'Carlos Muñoz',
    email: 'carlos.munoz@segurosandes.cl',
    role: 'supervisor',
    color: '#059669',
    teams: ['global', 'marketing', 'sales', 'support'],
  },
  {
    name: 'Valentina Rojas',
    email: 'valentina.rojas@segurosandes.cl',
    role: 'agent',
    color: '#db2777',
    teams: ['global', 'support'],
  },
  {
    name: 'Diego Fernández',
    email: 'diego.fernandez@segurosandes.cl',
    role: 'agent',
    color: '#7c3aed',
    teams: ['global', 'sales'],
  },
  {
    name: 'Camila Soto',
    email: 'camila.soto@segurosandes.cl',
    role: 'agent',
    color: '#ea580c',
    teams: ['global', 'marketing'],
  },
  {
    name: 'Matías González',
    email: 'matias.gonzalez@segurosandes.cl',
    role: 'agent',
    color: '#0891b2',
    teams: ['global', 'support'],
  },
  {
    name: 'Javiera Pérez',
    email: 'javiera.perez@segurosandes.cl',
    role: 'agent',
    color: '#65a30d',
    teams: ['global', 'sales', 'support'],
  },
  {
    name: 'Sofía Herrera',
    email: 'sofia.herrera@segurosandes.cl',
    role: 'admin',
    color: '#475569',
    teams: ['global', 'marketing', 'sales', 'support'],
  },
];

/** `weight`: the share of conversations arriving on that channel (sums to 1). */
export const DEMO_CHANNELS: { kind: ChannelKind; name: string; address: string; weight: number }[] = [
  { kind: 'whatsapp', name: 'WhatsApp Business', address: '+56 2 2345 6789', weight: 0.45 },
  { kind: 'email', name: 'Correo de contacto', address: 'contacto@segurosandes.cl', weight: 0.22 },
  { kind: 'webchat', name: 'Chat web', address: 'segurosandes.cl', weight: 0.15 },
  { kind: 'facebook', name: 'Facebook', address: 'facebook.com/segurosandes', weight: 0.09 },
  { kind: 'instagram', name: 'Instagram', address: '@segurosandes', weight: 0.09 },
];

/** Chatter appended after the script when a benchmark asks for longer threads. */
export const EXTRA_CUSTOMER = [
  '¿Me confirmas por favor?',
  'Ok, gracias',
  'Perfecto',
  '¿Y eso cuánto demora?',
  'Quedo atento',
  'Una consulta más',
];
export const EXTRA_AGENT = [
  'Claro, te confirmo en unos minutos.',
  'Quedó registrado.',
  'Lo reviso y te aviso.',
  'Gracias por tu paciencia.',
];
