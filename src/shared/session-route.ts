// How the browser kiosk client hands its session to the host for file requests (<video src>, <img src> carry no
// token of their own): after sign-in it POSTs the token to this route in this header and gets an HttpOnly
// session cookie back; on sign-out it DELETEs it.
export const SESSION_ROUTE = '/session';
export const SESSION_HEADER = 'x-magnum-session';
