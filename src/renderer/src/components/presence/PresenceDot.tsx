// A small status dot next to an agent: green online, amber away, grey offline. Never color alone: it
// carries the word as its accessible name ("En línea") and "En línea · desde hace 5 min" as tooltip.
// Renders nothing where presence does not exist (the server-less demo replica).
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { presenceLabel, presenceTitle } from '../../lib/presence';
import { useAgentPresence, usePresenceEnabled } from '../../stores/presenceStore';

interface Props {
  agentId: string;
  /** `badge` sits on the corner of an avatar; `inline` follows a name. */
  variant?: 'inline' | 'badge';
  /** Inside an element that already has its own accessible name (a list row): tooltip only. */
  decorative?: boolean;
  /** Where the name is not next to the dot (a select's value), it says whose: "Ana Torres: En línea". */
  name?: string | undefined;
}

export function PresenceDot({ agentId, variant = 'inline', decorative = false, name }: Props) {
  const enabled = usePresenceEnabled();
  if (!enabled) return null;
  return <Dot agentId={agentId} variant={variant} decorative={decorative} name={name} />;
}

function Dot({ agentId, variant, decorative, name }: Required<Omit<Props, 'name'>> & Pick<Props, 'name'>) {
  const { t } = useTranslation();
  const view = useAgentPresence(agentId);
  // A minute is the tooltip's resolution.
  const now = useNow(60_000);
  const className = `presence-dot presence-${view.status} presence-${variant}`;
  const title = presenceTitle(t, view, now);
  if (decorative) return <span className={className} title={title} aria-hidden="true" />;
  return (
    <span
      className={className}
      role="img"
      aria-label={
        name ? t('presence.agent', { name, status: presenceLabel(t, view.status) }) : presenceLabel(t, view.status)
      }
      title={title}
      data-presence={view.status}
    />
  );
}
