// "Equipo" at the bottom of column 1: who of the workspace is online or away right now, offline
// colleagues folded behind a toggle so a big team stays compact. Hidden on the server-less demo replica,
// where nobody's presence is known.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { byPresence, presenceOf } from '../../lib/presence';
import { usePresenceEnabled, usePresenceStore } from '../../stores/presenceStore';
import { useSessionStore } from '../../stores/sessionStore';
import { AgentAvatar } from '../presence/AgentAvatar';

export function TeamSection() {
  const enabled = usePresenceEnabled();
  if (!enabled) return null;
  return <Team />;
}

function Team() {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const session = useSessionStore((s) => s.session);
  const byAgent = usePresenceStore((s) => s.byAgent);
  const [showOffline, setShowOffline] = useState(false);
  if (!session) return null;
  const agents = byPresence(
    session.agents.filter((a) => a.active),
    byAgent,
    i18n.language,
  );
  const connected = agents.filter((a) => presenceOf(byAgent, a.id).status !== 'offline');
  const offline = agents.length - connected.length;
  const shown = showOffline ? agents : connected;

  return (
    <section className="nav-section team" aria-labelledby={`${ids}-title`}>
      <h2 className="nav-heading team-heading" id={`${ids}-title`}>
        <span>{t('presence.team')}</span>
        <span className="team-count">
          {t('presence.teamCount', { online: connected.length, total: agents.length })}
        </span>
      </h2>
      <ul className="team-list" aria-labelledby={`${ids}-title`}>
        {shown.map((a) => (
          <li key={a.id} className={`team-row team-${presenceOf(byAgent, a.id).status}`}>
            <AgentAvatar agentId={a.id} name={a.name} color={a.color} />
            <span className="team-name">{a.id === session.me.id ? t('picker.me', { name: a.name }) : a.name}</span>
          </li>
        ))}
      </ul>
      {offline > 0 ? (
        <button
          type="button"
          className="link-btn team-toggle"
          aria-expanded={showOffline}
          onClick={() => setShowOffline((v) => !v)}
        >
          {showOffline ? t('presence.hideOffline') : t('presence.showOffline', { count: offline })}
        </button>
      ) : null}
    </section>
  );
}
