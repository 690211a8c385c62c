/**
 * The card beside a conversation for what its contact carries beyond the thread: a campaign call's record
 * (the list's fields and the campaign's script, for the agent to read from) and a fax's first page and
 * document, both read through the desktop with the agent's own token.
 */
import { Api, ApiError } from './api';
import { h } from './format';
import type { ContactDetails } from './types';

interface CampaignView {
  name: string;
  kind: string;
  script: string | null;
}

export function detailsCard(api: Api, tenant: string, details: ContactDetails | null): HTMLElement | null {
  if (!details) return null;
  if (details.faxId) return faxCard(api, details.faxId, details.pages);
  if (details.campaignId) return campaignCard(api, tenant, details);
  return null;
}

function faxCard(api: Api, faxId: string, pages: number | null): HTMLElement {
  const thumbnail = h('img', { class: 'fax-thumbnail', id: 'fax-thumbnail', alt: 'First page of the fax' }) as HTMLImageElement;
  const problem = h('p', { class: 'hint' });
  const path = `/fax/faxes/${encodeURIComponent(faxId)}`;
  api.blob(`${path}/thumbnail`, 'image/png')
    .then((png) => { thumbnail.src = URL.createObjectURL(png); })
    .catch((error) => { problem.textContent = error instanceof ApiError ? error.message : String(error); });
  const open = h('button', {
    id: 'fax-open',
    onclick: async () => {
      try {
        const document = await api.blob(`${path}/document`);
        const link = h('a', { href: URL.createObjectURL(document), download: `fax-${faxId}.${document.type === 'image/tiff' ? 'tif' : 'pdf'}` });
        window.document.body.append(link);
        link.click();
        link.remove();
      } catch (error) {
        problem.textContent = error instanceof ApiError ? error.message : String(error);
      }
    },
  }, 'Open the fax');
  return h('section', { class: 'details fax', id: 'fax-details' },
    h('h3', {}, `Fax${pages ? ` · ${pages} page${pages === 1 ? '' : 's'}` : ''}`), thumbnail, open, problem);
}

function campaignCard(api: Api, tenant: string, details: ContactDetails): HTMLElement {
  const script = h('p', { class: 'script', id: 'campaign-script' });
  const title = h('h3', {}, 'Campaign call');
  api.get<CampaignView>(`/campaigns/tenants/${encodeURIComponent(tenant)}/campaigns/${encodeURIComponent(details.campaignId!)}`)
    .then((campaign) => {
      title.textContent = `Campaign: ${campaign.name}`;
      script.textContent = campaign.script ?? '';
    })
    .catch(() => { script.textContent = ''; });
  const fields = Object.entries(details.record);
  return h('section', { class: 'details campaign', id: 'campaign-details' },
    title,
    fields.length === 0 ? h('p', { class: 'hint' }, 'The record has no fields.')
      : h('dl', { class: 'record' }, ...fields.flatMap(([name, value]) => [h('dt', {}, name.replace(/_/g, ' ')), h('dd', {}, value)])),
    script);
}
