// An agent's avatar with the presence dot on its corner (the dot disappears where presence does not
// exist, leaving the plain avatar). Used wherever an agent is shown small: pickers, rows, Equipo.
import { Avatar } from '../common/Avatar';
import { PresenceDot } from './PresenceDot';

interface Props {
  agentId: string;
  name: string;
  color?: string | undefined;
  size?: 'xs' | 'sm';
  /** The dot's word is already said by the surrounding element (a row's own label). */
  decorative?: boolean;
}

export function AgentAvatar({ agentId, name, color, size = 'xs', decorative = false }: Props) {
  return (
    <span className="agent-avatar">
      <Avatar name={name} color={color} size={size} />
      <PresenceDot agentId={agentId} variant="badge" decorative={decorative} />
    </span>
  );
}
