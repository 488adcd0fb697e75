// Names for views and places ("Ventas › Cotizaciones"), resolved from session reference data.
import type { TFunction } from 'i18next';
import type { View } from '../../../shared/contract';
import type { Category, Tag, Tray } from '../../../shared/entities';

interface Lookup {
  traysById: Map<string, Tray>;
  categoriesById: Map<string, Category>;
  tagsById: Map<string, Tag>;
}

export function placeName(l: Lookup, trayId: string | null | undefined, categoryId: string | null | undefined): string {
  const tray = trayId ? l.traysById.get(trayId) : undefined;
  const cat = categoryId ? l.categoriesById.get(categoryId) : undefined;
  const trayName = tray?.name ?? (cat ? l.traysById.get(cat.trayId)?.name : undefined);
  return [trayName, cat?.name].filter(Boolean).join(' › ');
}

/** Breadcrumb parts of a view, e.g. ["Ventas", "Cotizaciones"]. */
export function viewCrumbs(t: TFunction, l: Lookup, view: View): string[] {
  switch (view.kind) {
    case 'mine':
      return [t('nav.mine')];
    case 'unassigned':
      return [t('nav.unassigned')];
    case 'all':
      return [t('nav.all')];
    case 'tray':
      return [l.traysById.get(view.trayId)?.name ?? '—'];
    case 'category': {
      const cat = l.categoriesById.get(view.categoryId);
      const tray = cat ? l.traysById.get(cat.trayId) : undefined;
      return [tray?.name ?? '—', cat?.name ?? '—'];
    }
    case 'tag':
      return [t('nav.tags'), `#${l.tagsById.get(view.tagId)?.name ?? '—'}`];
  }
}
