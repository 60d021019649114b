package sandbox

// emoji maps the shortcodes Armistice and people commonly use to their
// characters; unknown codes stay as text, as in a workspace without them.
var emoji = map[string]string{
	"white_check_mark": "✅", "heavy_check_mark": "✔️", "x": "❌", "warning": "⚠️", "alarm_clock": "⏰",
	"rotating_light": "🚨", "tada": "🎉", "bulb": "💡", "chart_with_upwards_trend": "📈",
	"chart_with_downwards_trend": "📉", "bar_chart": "📊", "dart": "🎯", "wave": "👋", "eyes": "👀",
	"fire": "🔥", "rocket": "🚀", "memo": "📝", "inbox_tray": "📥", "outbox_tray": "📤", "handshake": "🤝",
	"moneybag": "💰", "money_with_wings": "💸", "calendar": "📆", "date": "📅", "spiral_calendar_pad": "🗓️",
	"hourglass": "⌛", "hourglass_flowing_sand": "⏳", "stopwatch": "⏱️", "clock9": "🕘", "+1": "👍",
	"thumbsup": "👍", "-1": "👎", "thumbsdown": "👎", "star": "⭐", "sparkles": "✨", "mag": "🔍",
	"lock": "🔒", "bust_in_silhouette": "👤", "busts_in_silhouette": "👥", "speech_balloon": "💬",
	"pushpin": "📌", "link": "🔗", "large_green_circle": "🟢", "large_yellow_circle": "🟡",
	"large_orange_circle": "🟠", "red_circle": "🔴", "large_blue_circle": "🔵", "white_circle": "⚪",
	"information_source": "ℹ️", "trophy": "🏆", "arrow_up": "⬆️", "arrow_down": "⬇️",
	"arrow_right": "➡️", "small_red_triangle": "🔺", "small_red_triangle_down": "🔻",
	"briefcase": "💼", "telephone_receiver": "📞", "email": "📧", "envelope": "✉️", "gear": "⚙️",
	"robot_face": "🤖", "brain": "🧠", "books": "📚", "clipboard": "📋", "new": "🆕", "zap": "⚡",
	"raised_hands": "🙌", "clap": "👏", "muscle": "💪", "point_right": "👉", "no_entry": "⛔",
	"no_entry_sign": "🚫", "question": "❓", "exclamation": "❗", "heavy_plus_sign": "➕",
	"heavy_minus_sign": "➖", "mega": "📣", "loudspeaker": "📢", "seedling": "🌱", "snail": "🐌",
	"handshake_tone": "🤝", "globe_with_meridians": "🌐", "label": "🏷️", "pencil": "📝",
	"pencil2": "✏️", "page_facing_up": "📄", "file_folder": "📁", "sunrise": "🌅", "coffee": "☕",
	"crystal_ball": "🔮", "scales": "⚖️", "dove_of_peace": "🕊️", "dove": "🕊️", "flag-es": "🇪🇸",
	"flag-mx": "🇲🇽", "flag-us": "🇺🇸", "flag-gb": "🇬🇧", "flag-de": "🇩🇪", "flag-fr": "🇫🇷",
}

func emojiFor(name string) string { return emoji[name] }
