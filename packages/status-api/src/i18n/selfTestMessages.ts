import type { Language } from './messages.js';

/**
 * The self-test page's words, for a care provider checking their own computer before a video
 * consultation: plain language, no jargon beyond what a helpdesk would ask for. `{ms}` and
 * `{server}` are filled in the browser, as text.
 */
export interface SelfTestMessages {
  title: string;
  intro: string;
  start: string;
  running: string;
  noScript: string;
  api: { name: string; ok: string; slow: string; fail: string };
  websocket: { name: string; ok: string; fail: string };
  webrtc: {
    name: string;
    stunOk: string;
    turnOk: string;
    fail: string;
    /** A TURN server that answered and refused the configured user name or password. */
    refused: string;
    unsupported: string;
    none: string;
  };
  summary: { ok: string; fail: string };
}

export const SELF_TEST_MESSAGES: Record<Language, SelfTestMessages> = {
  nl: {
    title: 'Test uw verbinding',
    intro:
      'Deze test controleert of uw computer het platform en videogesprekken kan bereiken. Er worden geen gegevens over u bewaard.',
    start: 'Start de test',
    running: 'Bezig met testen…',
    noScript: 'Zet JavaScript aan in uw browser om deze test te doen.',
    api: {
      name: 'Platform',
      ok: 'Het platform antwoordt in {ms} ms.',
      slow: 'Het platform antwoordt traag ({ms} ms). Gesprekken kunnen haperen.',
      fail: 'Het platform is niet bereikbaar vanaf deze computer.',
    },
    websocket: {
      name: 'Berichten',
      ok: 'Berichten komen direct aan.',
      fail: 'Berichten worden geblokkeerd, waarschijnlijk door een firewall of proxy.',
    },
    webrtc: {
      name: 'Video',
      stunOk: 'Videoserver {server} is bereikbaar.',
      turnOk: 'Videoserver {server} is bereikbaar via de relay.',
      fail: 'Videoserver {server} is niet bereikbaar; een firewall blokkeert videogesprekken mogelijk.',
      refused:
        'Videoserver {server} antwoordt maar weigert toegang: de gebruikersnaam of het wachtwoord in de instellingen van het platform klopt niet.',
      unsupported:
        'Deze browser ondersteunt geen videogesprekken. Gebruik een recente Chrome, Edge, Firefox of Safari.',
      none: 'Er zijn geen videoservers ingesteld om te testen.',
    },
    summary: {
      ok: 'Alles werkt: u kunt videogesprekken voeren.',
      fail: 'Niet alles werkt. Stuur deze uitslag naar uw IT-afdeling of helpdesk.',
    },
  },
  fr: {
    title: 'Testez votre connexion',
    intro:
      "Ce test vérifie que votre ordinateur peut joindre la plateforme et les appels vidéo. Aucune donnée vous concernant n'est conservée.",
    start: 'Lancer le test',
    running: 'Test en cours…',
    noScript: 'Activez JavaScript dans votre navigateur pour faire ce test.',
    api: {
      name: 'Plateforme',
      ok: 'La plateforme répond en {ms} ms.',
      slow: 'La plateforme répond lentement ({ms} ms). Les appels peuvent saccader.',
      fail: "La plateforme n'est pas joignable depuis cet ordinateur.",
    },
    websocket: {
      name: 'Messages',
      ok: 'Les messages arrivent immédiatement.',
      fail: 'Les messages sont bloqués, probablement par un pare-feu ou un proxy.',
    },
    webrtc: {
      name: 'Vidéo',
      stunOk: 'Le serveur vidéo {server} est joignable.',
      turnOk: 'Le serveur vidéo {server} est joignable par relais.',
      fail: "Le serveur vidéo {server} n'est pas joignable ; un pare-feu bloque peut-être les appels vidéo.",
      refused:
        "Le serveur vidéo {server} répond mais refuse l'accès : le nom d'utilisateur ou le mot de passe des réglages de la plateforme est erroné.",
      unsupported: 'Ce navigateur ne permet pas les appels vidéo. Utilisez un Chrome, Edge, Firefox ou Safari récent.',
      none: "Aucun serveur vidéo n'est configuré pour le test.",
    },
    summary: {
      ok: 'Tout fonctionne : vous pouvez passer des appels vidéo.',
      fail: 'Tout ne fonctionne pas. Envoyez ce résultat à votre service informatique ou helpdesk.',
    },
  },
  en: {
    title: 'Test your connection',
    intro: 'This test checks that your computer can reach the platform and video calls. Nothing about you is stored.',
    start: 'Start the test',
    running: 'Testing…',
    noScript: 'Turn on JavaScript in your browser to run this test.',
    api: {
      name: 'Platform',
      ok: 'The platform answers in {ms} ms.',
      slow: 'The platform answers slowly ({ms} ms). Calls may stutter.',
      fail: 'The platform cannot be reached from this computer.',
    },
    websocket: {
      name: 'Messages',
      ok: 'Messages arrive at once.',
      fail: 'Messages are blocked, probably by a firewall or proxy.',
    },
    webrtc: {
      name: 'Video',
      stunOk: 'Video server {server} can be reached.',
      turnOk: 'Video server {server} can be reached through its relay.',
      fail: 'Video server {server} cannot be reached; a firewall may be blocking video calls.',
      refused:
        "Video server {server} answers but refuses access: the user name or password in the platform's settings is wrong.",
      unsupported: 'This browser cannot make video calls. Use a recent Chrome, Edge, Firefox or Safari.',
      none: 'No video servers are set up to test.',
    },
    summary: {
      ok: 'Everything works: you can make video calls.',
      fail: 'Not everything works. Send this result to your IT department or helpdesk.',
    },
  },
  de: {
    title: 'Verbindung testen',
    intro:
      'Dieser Test prüft, ob Ihr Computer die Plattform und Videogespräche erreicht. Es werden keine Daten über Sie gespeichert.',
    start: 'Test starten',
    running: 'Test läuft…',
    noScript: 'Schalten Sie JavaScript in Ihrem Browser ein, um diesen Test auszuführen.',
    api: {
      name: 'Plattform',
      ok: 'Die Plattform antwortet in {ms} ms.',
      slow: 'Die Plattform antwortet langsam ({ms} ms). Gespräche können stocken.',
      fail: 'Die Plattform ist von diesem Computer aus nicht erreichbar.',
    },
    websocket: {
      name: 'Nachrichten',
      ok: 'Nachrichten kommen sofort an.',
      fail: 'Nachrichten werden blockiert, wahrscheinlich von einer Firewall oder einem Proxy.',
    },
    webrtc: {
      name: 'Video',
      stunOk: 'Videoserver {server} ist erreichbar.',
      turnOk: 'Videoserver {server} ist über sein Relay erreichbar.',
      fail: 'Videoserver {server} ist nicht erreichbar; eine Firewall blockiert möglicherweise Videogespräche.',
      refused:
        'Videoserver {server} antwortet, verweigert aber den Zugang: Benutzername oder Passwort in den Einstellungen der Plattform sind falsch.',
      unsupported:
        'Dieser Browser kann keine Videogespräche führen. Verwenden Sie ein aktuelles Chrome, Edge, Firefox oder Safari.',
      none: 'Es sind keine Videoserver zum Testen eingerichtet.',
    },
    summary: {
      ok: 'Alles funktioniert: Sie können Videogespräche führen.',
      fail: 'Nicht alles funktioniert. Senden Sie dieses Ergebnis an Ihre IT-Abteilung oder Ihren Helpdesk.',
    },
  },
};
