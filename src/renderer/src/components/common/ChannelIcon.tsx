// Brand-ish channel marks as inline SVG (no network, CSP-safe). Decorative: the row label names the channel.
import type { ChannelKind } from '../../../../shared/domain';

interface Props {
  kind: ChannelKind;
  size?: number;
  title?: string;
}

export function ChannelIcon({ kind, size = 16, title }: Props) {
  const common = {
    width: size,
    height: size,
    viewBox: '0 0 24 24',
    className: `channel-icon channel-${kind}`,
    role: title ? 'img' : undefined,
    'aria-hidden': title ? undefined : true,
    'aria-label': title,
  } as const;
  switch (kind) {
    case 'whatsapp':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="11" fill="#25D366" />
          <path
            fill="#fff"
            d="M12 5.6a6.4 6.4 0 0 0-5.5 9.7L5.7 18.4l3.2-.8A6.4 6.4 0 1 0 12 5.6Zm3.7 8.9c-.2.5-.9.9-1.3.9-.4.1-.8.1-1.3-.1a10.6 10.6 0 0 1-4.2-3.7c-.4-.6-.7-1.3-.7-2 0-.7.4-1.1.6-1.3.2-.2.4-.2.5-.2h.4c.1 0 .3 0 .4.3l.6 1.4c0 .1.1.3 0 .4l-.2.4-.3.3c-.1.1-.2.2-.1.4.5.9 1.2 1.6 2.1 2 .2.1.3.1.4 0l.6-.7c.1-.2.3-.2.5-.1l1.3.6c.2.1.3.1.4.2 0 .2 0 .7-.1 1.2Z"
          />
        </svg>
      );
    case 'email':
      return (
        <svg {...common}>
          <rect x="1" y="1" width="22" height="22" rx="6" fill="#4F6BED" />
          <path
            fill="none"
            stroke="#fff"
            strokeWidth="1.6"
            strokeLinejoin="round"
            d="M6 8h12v8.5H6z M6 8.4l6 4.6 6-4.6"
          />
        </svg>
      );
    case 'webchat':
      return (
        <svg {...common}>
          <rect x="1" y="1" width="22" height="22" rx="6" fill="#0EA5A4" />
          <path
            fill="#fff"
            d="M7 7h10a1.5 1.5 0 0 1 1.5 1.5v5.5A1.5 1.5 0 0 1 17 15.5h-5.2L8.5 18v-2.5H7A1.5 1.5 0 0 1 5.5 14V8.5A1.5 1.5 0 0 1 7 7Z"
          />
        </svg>
      );
    case 'facebook':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="11" fill="#1877F2" />
          <path
            fill="#fff"
            d="M13.3 19v-6h2l.3-2.4h-2.3V9.2c0-.7.2-1.2 1.2-1.2h1.2V5.9c-.2 0-1-.1-1.8-.1-1.8 0-3 1.1-3 3.1v1.7h-2V13h2v6h2.4Z"
          />
        </svg>
      );
    case 'instagram':
      return (
        <svg {...common}>
          <defs>
            <linearGradient id="ig-grad" x1="0" y1="1" x2="1" y2="0">
              <stop offset="0" stopColor="#FEDA75" />
              <stop offset=".35" stopColor="#FA7E1E" />
              <stop offset=".65" stopColor="#D62976" />
              <stop offset="1" stopColor="#4F5BD5" />
            </linearGradient>
          </defs>
          <rect x="1" y="1" width="22" height="22" rx="6.5" fill="url(#ig-grad)" />
          <rect x="6" y="6" width="12" height="12" rx="3.6" fill="none" stroke="#fff" strokeWidth="1.6" />
          <circle cx="12" cy="12" r="2.9" fill="none" stroke="#fff" strokeWidth="1.6" />
          <circle cx="15.6" cy="8.4" r=".9" fill="#fff" />
        </svg>
      );
  }
}
