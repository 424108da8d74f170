/** A ready-to-send e-mail: subject line, HTML part and plain-text part (what templates render and renders store). */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
